package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractMessagingCrashTest;

/**
 * Queue messages enqueued from turns and consumed by a queue handler survive SIGKILL on SQLite, none
 * lost, none twice, in order per sender; see {@link AbstractMessagingCrashTest}.
 */
class QueueCrashTest extends MessagingCrashTest {
    @Override
    protected boolean viaQueue() {
        return true;
    }
}
