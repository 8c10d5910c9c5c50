package dev.troupe.runtime;

import dev.troupe.host.Address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TestTypes;
import dev.troupe.host.HostSettings;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime routes a message to a local activation only if the placement puts the actor here. */
class PlacementTest {
    private static final HostSettings SETTINGS = new HostSettings(100, Duration.ofSeconds(5),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 16, TimeSource.system());

    @Test
    void actorHostedOnAnotherNode_isRefused_andNotActivatedHere() {
        Placement elsewhere = new Placement() {
            @Override
            public String localNode() {
                return "node-a";
            }

            @Override
            public String hostOf(Address address) {
                return "node-b";
            }
        };
        try (ActorRuntime runtime = new ActorRuntime(new MemoryStore(), List.of(ActorType.of(TestTypes.definitionOf(CounterActor.class), TestTypes.defaults())),
                SETTINGS, elsewhere)) {
            Counter counter = runtime.handle(Counter.class, Key.of("far"));

            assertThatThrownBy(() -> counter.increment(1)).isInstanceOfSatisfying(TroupeException.class, e -> {
                assertThat(e.is(ErrorCode.UNAVAILABLE)).isTrue();
                assertThat(e.getMessage()).contains("node-b");
            });
            assertThat(runtime.activeActors()).isZero();
        }
    }

    @Test
    void singleNode_hostsEveryActorHere() {
        Placement placement = Placement.singleNode();
        Address address = new Address("test-counter", Key.of("any"));

        assertThat(placement.isLocal(address)).isTrue();
        assertThat(placement.hostOf(address)).isEqualTo(placement.localNode());
    }
}
