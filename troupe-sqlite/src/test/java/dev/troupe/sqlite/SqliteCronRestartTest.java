package dev.troupe.sqlite;

import dev.troupe.store.Store;
import dev.troupe.testing.AbstractCronRestartTest;
import dev.troupe.testkit.ManualTimeSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Cron across a restart on SQLite: the same file reopened by each runtime. */
class SqliteCronRestartTest extends AbstractCronRestartTest<ManualTimeSource> {
    @TempDir
    Path directory;

    SqliteCronRestartTest() {
        super(ManualTimeSource::new, ManualTimeSource::advance);
    }

    @Override
    protected Store openStore() {
        return SqliteStore.open(directory);
    }
}
