package dev.troupe.postgres;

import dev.troupe.testing.crash.AbstractMessagingCrashTest;

/**
 * Queue messages enqueued from turns and consumed by a queue handler survive SIGKILL on PostgreSQL,
 * none lost, none twice, in order per sender; see {@link AbstractMessagingCrashTest}.
 */
class PostgresQueueCrashTest extends PostgresMessagingCrashTest {
    @Override
    protected boolean viaQueue() {
        return true;
    }
}
