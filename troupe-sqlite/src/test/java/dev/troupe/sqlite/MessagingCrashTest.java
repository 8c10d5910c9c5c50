package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractMessagingCrashTest;
import dev.troupe.testing.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-way messages survive SIGKILL on SQLite, none lost, none twice, in order per pair; see
 * {@link AbstractMessagingCrashTest}.
 */
class MessagingCrashTest extends AbstractMessagingCrashTest {
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
