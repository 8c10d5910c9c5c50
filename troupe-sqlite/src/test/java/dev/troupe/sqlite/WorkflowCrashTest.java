package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractWorkflowCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Workflows survive SIGKILL on SQLite, each step once; see {@link AbstractWorkflowCrashTest}. */
class WorkflowCrashTest extends AbstractWorkflowCrashTest {
    @TempDir
    Path dir;

    @Override
    protected Class<? extends StoreFactory> storeFactory() {
        return CrashRecoveryTest.Sqlite.class;
    }

    @Override
    protected String storeArgument() {
        return dir.toString();
    }
}
