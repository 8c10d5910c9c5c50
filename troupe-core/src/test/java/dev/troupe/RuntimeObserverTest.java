package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Alarm;
import dev.troupe.testing.AlarmActor;
import dev.troupe.testing.Counter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RuntimeObserverTest {

    @Test
    void observer_seesEveryTurnWithItsOutcome_andEveryCommit_untilClosed() throws Exception {
        List<String> turns = new CopyOnWriteArrayList<>();
        List<Integer> commits = new CopyOnWriteArrayList<>();
        RuntimeObserver observer = new RuntimeObserver() {
            @Override
            public void turnEnded(String type, String operation, long nanos, @Nullable ActorError error) {
                assertThat(nanos).isNotNegative();
                turns.add(type + " " + operation + " " + (error == null ? "ok" : error.qualifiedCode()));
            }

            @Override
            public void committed(int writes, int durableTurns, long nanos) {
                commits.add(writes);
            }
        };
        try (Troupe troupe = TroupeTestSupport.memory()) {
            AutoCloseable observation = troupe.observe(observer);
            Counter counter = troupe.actor(Counter.class, Key.of("observed"));
            counter.increment(1);
            assertThatThrownBy(() -> counter.incrementThenFail(1)).isInstanceOf(UserException.class);
            counter.count();

            await().atMost(Duration.ofSeconds(5)).until(() -> !commits.isEmpty());
            assertThat(turns).containsSubsequence("test-counter increment ok",
                    "test-counter incrementThenFail user/refused", "test-counter count ok");
            assertThat(commits).allSatisfy(writes -> assertThat(writes).isPositive());

            observation.close();
            int seen = turns.size();
            counter.increment(1);
            assertThat(turns).hasSize(seen);
        }
    }

    @Test
    void failingTurnWithoutACaller_reachesTheObserverWithItsError() {
        List<String> turns = new CopyOnWriteArrayList<>();
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(AlarmActor.class).build()) {
            troupe.observe(new RuntimeObserver() {
                @Override
                public void turnEnded(String type, String operation, long nanos, @Nullable ActorError error) {
                    turns.add(operation + " " + (error == null ? "ok" : error.qualifiedCode()));
                }
            });
            troupe.actor(Alarm.class, Key.of("broken")).arm(50);

            await("the failed timer turn is reported").atMost(Duration.ofSeconds(10))
                    .until(() -> turns.contains("ring user/broken"));
            assertThat(turns).containsSubsequence("arm ok", "ring user/broken");
        }
    }
}
