package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.host.Address;
import dev.troupe.runtime.RuntimeProbe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.Lifecycle;
import dev.troupe.testing.LifecycleActor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static List<String> eventsOf(String key) {
        return LifecycleActor.EVENTS.stream().filter(e -> e.startsWith(key + ":"))
                .map(e -> e.substring(key.length() + 1)).toList();
    }

    @Test
    void hooks_runInOrder_andSleepAndWakePreserveState() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = TroupeTestSupport.builder(store).sleepAfter(Duration.ofMillis(100)).build()) {
            Lifecycle actor = troupe.ref(Lifecycle.class, Key.of("life")).getOrCreate("hello");
            assertThat(actor.note("one")).containsExactly("input:hello", "created", "woke", "one");

            await().atMost(Duration.ofSeconds(5)).until(() -> troupe.stats().activeActors() == 0);
            assertThat(actor.notes()).containsExactly("input:hello", "created", "woke", "one", "slept", "woke");
            assertThat(eventsOf("life")).containsExactly("onCreate", "onWake", "onSleep", "onWake");
        }
    }

    @Test
    void sleepRequestedByActor_commitsThenSleeps() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            Lifecycle actor = troupe.actor(Lifecycle.class, Key.of("napper"));
            actor.note("before");
            actor.nap();
            await().atMost(Duration.ofSeconds(5)).until(() -> troupe.stats().activeActors() == 0);

            assertThat(actor.notes()).containsSubsequence("before", "slept", "woke");
        }
    }

    @Test
    void selfDestruct_runsOnDestroy_andRemovesTheActor() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            ActorRef<Lifecycle> ref = troupe.ref(Lifecycle.class, Key.of("bomb"));
            ref.getOrCreate().selfDestruct();
            await().atMost(Duration.ofSeconds(5)).until(() -> ref.info().isEmpty());

            assertThat(eventsOf("bomb")).containsExactly("onCreate", "onWake", "onDestroy");
        }
    }

    @Test
    void connectedActor_whoseTypeKeepsItAwake_staysAwake_untilDisconnected() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(LifecycleActor.class, type -> type.connectionsKeepAwake(true))
                .idleCheckInterval(Duration.ofMillis(50)).sleepAfter(Duration.ofMillis(50)).build()) {
            ActorRef<Lifecycle> ref = troupe.ref(Lifecycle.class, Key.of("connected"));
            Subscription subscription = ref.subscribe((name, args) -> { }, "changed");
            ref.getOrCreate().note("x");
            long sleepsBefore = LifecycleActor.EVENTS.stream().filter("connected:onSleep"::equals).count();
            assertThat(sleepsBefore).isZero();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> troupe.stats().activeActors() == 1);

            subscription.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> troupe.stats().activeActors() == 0);
            assertThat(eventsOf("connected")).containsSubsequence("onConnect", "onDisconnect", "onSleep");
        }
    }

    @Test
    void activeActorCap_evictsLeastRecentlyUsed() {
        try (Troupe troupe = TroupeTestSupport.builder(new MemoryStore()).maxActiveActors(100).build()) {
            for (int i = 0; i < 100; i++) {
                troupe.actor(Counter.class, Key.of("lru" + i)).increment(i);
            }
            Counter recent = troupe.actor(Counter.class, Key.of("lru0"));
            for (int i = 100; i < 150; i++) {
                troupe.actor(Counter.class, Key.of("lru" + i)).increment(i);
                if (i % 10 == 0) {
                    recent.increment(1);
                }
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> troupe.stats().activeActors() <= 100);

            assertThat(RuntimeProbe.isActive(troupe, new Address("test-counter", Key.of("lru0")))).isTrue();
            assertThat(RuntimeProbe.isActive(troupe, new Address("test-counter", Key.of("lru1")))).isFalse();
            assertThat(RuntimeProbe.isActive(troupe, new Address("test-counter", Key.of("lru149")))).isTrue();

            for (int i = 1; i < 150; i++) {
                assertThat(troupe.actor(Counter.class, Key.of("lru" + i)).count()).isEqualTo(i);
            }
            assertThat(recent.count()).isEqualTo(5);
        }
    }
}
