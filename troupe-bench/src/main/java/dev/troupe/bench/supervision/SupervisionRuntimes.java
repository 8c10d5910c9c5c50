package dev.troupe.bench.supervision;

import dev.troupe.SupervisorStrategy;
import dev.troupe.Troupe;
import dev.troupe.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;

/** The runtime every part of the supervision benchmark measures: crews and hands on one SQLite file. */
final class SupervisionRuntimes {
    /** Restart at once, and never give up: the benchmark measures the restart, not the backoff. */
    private static final SupervisorStrategy RESTART_AT_ONCE = SupervisorStrategy.restart()
            .backoff(Duration.ZERO, Duration.ZERO, 0)
            .maxRestarts(Integer.MAX_VALUE, Duration.ofSeconds(1));

    private SupervisionRuntimes() {
    }

    static Troupe sqlite(Path directory) {
        return Troupe.builder().store(SqliteStore.open(directory))
                .register(CrewActor.class, type -> type.supervision(RESTART_AT_ONCE))
                .register(HandActor.class)
                .maxActiveActors(100_000)
                .sleepAfter(Duration.ofHours(1))
                .build();
    }
}
