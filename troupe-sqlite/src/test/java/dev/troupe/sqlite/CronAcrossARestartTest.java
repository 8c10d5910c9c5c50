package dev.troupe.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.sqlite.bells.Bell;
import dev.troupe.sqlite.bells.BellActor;
import dev.troupe.testkit.ManualTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cron schedule is durable: the runtime closes, time passes several occurrences while nothing runs, and
 * a new runtime on the same file runs the schedule once for all the missed occurrences, then continues at
 * the next one.
 */
@Timeout(60)
class CronAcrossARestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Key HALL = Key.of("hall");

    @TempDir
    Path directory;

    private Troupe open(ManualTimeSource time) {
        return Troupe.builder().store(SqliteStore.open(directory)).clock(time).register(BellActor.class).build();
    }

    @Test
    void cronSchedule_missedWhileTheRuntimeWasDown_runsOnceOnRestart_thenContinues() {
        ManualTimeSource before = new ManualTimeSource(Instant.parse("2030-01-01T00:00:00Z"));
        try (Troupe first = open(before)) {
            first.actor(Bell.class, HALL).ringEvery("0 * * * *", "Europe/Berlin");
            before.advance(Duration.ofHours(1));
            assertThat(first.awaitQuiescence(WAIT)).isTrue();
            assertThat(first.actor(Bell.class, HALL).rings()).isEqualTo(1);
        }

        ManualTimeSource after = new ManualTimeSource(Instant.parse("2030-01-01T06:20:00Z"));
        SqliteStore store = SqliteStore.open(directory);
        try (Troupe second = Troupe.builder().store(store).clock(after).register(BellActor.class).build()) {
            Bell bell = second.actor(Bell.class, HALL);
            await().atMost(WAIT).until(() -> bell.rings() == 2);
            assertThat(second.awaitQuiescence(WAIT)).isTrue();
            assertThat(bell.rings()).as("five missed occurrences run once").isEqualTo(2);
            assertThat(store.nextDueAt()).contains(Instant.parse("2030-01-01T07:00:00Z"));

            after.advance(Duration.ofMinutes(40));
            await().atMost(WAIT).until(() -> bell.rings() == 3);
            assertThat(store.nextDueAt()).contains(Instant.parse("2030-01-01T08:00:00Z"));
        }
    }
}
