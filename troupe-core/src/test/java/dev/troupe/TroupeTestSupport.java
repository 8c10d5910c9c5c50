package dev.troupe;

import dev.troupe.store.MemoryStore;
import dev.troupe.store.Store;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.LedgerActor;
import dev.troupe.testing.LifecycleActor;
import dev.troupe.testing.RelayActor;
import dev.troupe.testing.SchedulingActor;
import java.time.Duration;

/** Builders of runtimes for the runtime tests. */
final class TroupeTestSupport {
    private TroupeTestSupport() {
    }

    static Troupe.Builder builder(Store store) {
        return Troupe.builder()
                .store(store)
                .register(CounterActor.class)
                .register(RelayActor.class)
                .register(LifecycleActor.class)
                .register(SchedulingActor.class)
                .register(LedgerActor.class)
                .schedulePollInterval(Duration.ofMillis(200))
                .idleCheckInterval(Duration.ofMillis(50));
    }

    static Troupe memory() {
        return builder(new MemoryStore()).build();
    }
}
