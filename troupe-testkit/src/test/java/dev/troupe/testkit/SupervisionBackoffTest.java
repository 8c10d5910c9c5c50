package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Key;
import dev.troupe.SupervisorStrategy;
import dev.troupe.TroupeException;
import dev.troupe.testing.Team;
import dev.troupe.testing.TeamActor;
import dev.troupe.testing.Worker;
import dev.troupe.testing.WorkerActor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Restarts back off on the runtime's clock: with the kit's clock, a child whose {@code onWake} always
 * fails is restarted exactly when each delay has passed (1 s, 2 s, 4 s, then the 4 s cap), never
 * earlier, and after the most restarts in the window its failure escalates. Jitter is zero here so the
 * delays are exact; its bounds are {@code SupervisorStrategyTest}'s.
 */
@Timeout(60)
class SupervisionBackoffTest {
    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(TeamActor.class, type -> type.supervision(SupervisorStrategy.restart()
                    .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 0)
                    .maxRestarts(4, Duration.ofHours(1))))
            .register(WorkerActor.class)
            .start();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void restarts_waitForEachExponentialDelay_thenTheFailureEscalates() {
        Team team = kit.actor(Team.class, Key.of("backoff"));
        Worker worker = kit.actor(Worker.class, Key.fromJson(team.spawnWorker("w1", 0)));
        worker.breakWake();
        assertThatThrownBy(worker::crash).isInstanceOf(TroupeException.class);
        kit.settle();
        assertThat(team.reports()).containsExactly("failed w1 crash RESTART 0");

        long[] delays = {1_000, 2_000, 4_000, 4_000};
        for (int restart = 1; restart <= delays.length; restart++) {
            kit.clock().advance(Duration.ofMillis(delays[restart - 1] - 1));
            assertThat(team.reports()).as("before restart %d", restart).hasSize(restart);

            kit.clock().advance(Duration.ofMillis(1));
            assertThat(team.reports()).as("restart %d", restart).hasSize(restart + 1);
        }

        assertThat(team.reports()).containsExactly("failed w1 crash RESTART 0", "failed w1 #onWake RESTART 1",
                "failed w1 #onWake RESTART 2", "failed w1 #onWake RESTART 3", "failed w1 #onWake ESCALATE 4");
        kit.clock().advance(Duration.ofHours(1));
        assertThat(team.reports()).as("an escalated child is not restarted again").hasSize(5);
    }

    @Test
    void restartsOutsideTheWindow_doNotCount() {
        Team team = kit.actor(Team.class, Key.of("window"));
        Worker worker = kit.actor(Worker.class, Key.fromJson(team.spawnWorker("w1", 0)));

        for (int failure = 0; failure < 6; failure++) {
            assertThatThrownBy(worker::crash).isInstanceOf(TroupeException.class);
            kit.settle();
            kit.clock().advance(Duration.ofHours(2));
        }

        assertThat(team.reports()).hasSize(6).allMatch(line -> line.equals("failed w1 crash RESTART 0"));
        assertThat(worker.wakes()).isEqualTo(7);
    }
}
