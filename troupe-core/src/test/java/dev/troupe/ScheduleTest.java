package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.testing.Counter;
import dev.troupe.testing.Scheduling;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void durableSchedule_firesAndIsRemoved() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = TroupeTestSupport.builder(store).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("later"));
            counter.incrementLater(100, 7);

            await().atMost(Duration.ofSeconds(5)).until(() -> counter.count() == 7);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.nextDueAt().isEmpty());
        }
    }

    @Test
    void durableSchedule_survivesRestart_andWakesSleepingActor() {
        MemoryStore store = new MemoryStore();
        try (Troupe first = TroupeTestSupport.builder(store).build()) {
            first.actor(Counter.class, Key.of("restart")).incrementLater(600, 5);
        }
        assertThat(store.nextDueAt()).isPresent();
        try (Troupe second = TroupeTestSupport.builder(store).build()) {
            // The schedule's turn commits its own removal; until then the actor may be awake but not yet run it.
            await().atMost(Duration.ofSeconds(5)).until(() -> store.nextDueAt().isEmpty());
            assertThat(second.stats().activeActors()).as("woken by the schedule, not by this test").isEqualTo(1);
            assertThat(second.actor(Counter.class, Key.of("restart")).count()).isEqualTo(5);
        }
    }

    @RepeatedTest(20)
    void aScheduleAlreadyDueWhenTheRuntimeStarts_firesInItsFirstPass() {
        MemoryStore store = new MemoryStore();
        try (Troupe first = TroupeTestSupport.builder(store).build()) {
            first.actor(Counter.class, Key.of("due")).increment(1);
        }
        ActorRecord counter = store.find("test-counter", Key.of("due")).orElseThrow();
        store.commit(List.of(new ActorWrite(counter.id(), counter.epoch(), null, 1, List.of(new ScheduleChange.Put(
                new ScheduleRecord("due-at-start", counter.id(), Instant.EPOCH, "increment", "[2]"))))));

        try (Troupe second = TroupeTestSupport.builder(store).build()) {
            await("the due schedule ran").atMost(Duration.ofSeconds(10)).until(() -> store.nextDueAt().isEmpty());
            assertThat(second.actor(Counter.class, Key.of("due")).count()).isEqualTo(3);
        }
    }

    @Test
    void schedules_runInDueOrder() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            Scheduling planner = troupe.actor(Scheduling.class, Key.of("planner"));
            planner.plan(List.of(300, 100, 200, 101));

            await().atMost(Duration.ofSeconds(5)).until(() -> planner.ran().size() == 4);
            assertThat(planner.ran()).containsExactly(100, 101, 200, 300);
        }
    }

    @Test
    void cancelledSchedule_neverRuns() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            Scheduling planner = troupe.actor(Scheduling.class, Key.of("cancel"));
            planner.planAndCancel(50);
            planner.plan(List.of(150));

            await().atMost(Duration.ofSeconds(5)).until(() -> planner.ran().size() == 1);
            assertThat(planner.ran()).containsExactly(150);
        }
    }

    @Test
    void volatileTimer_firesInProcess() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            Counter counter = troupe.actor(Counter.class, Key.of("timer"));
            counter.incrementSoon(50, 3);

            await().atMost(Duration.ofSeconds(5)).until(() -> counter.count() == 3);
        }
    }

    @Test
    void scheduleOfUnknownAction_failsTheTurn() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            Scheduling planner = troupe.actor(Scheduling.class, Key.of("bad"));

            assertThatThrownBy(planner::planUnknown)
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.ACTION_NOT_FOUND)).isTrue());
            assertThat(planner.ran()).isEmpty();
        }
    }
}
