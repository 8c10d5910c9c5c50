package dev.troupe.sqlite;

import dev.troupe.testing.crash.AbstractMessagingCrashTest;

/**
 * Queue messages enqueued from turns and consumed by a run loop ({@code LoopRecorderActor}) survive
 * SIGKILL mid-queue on SQLite, none lost, none twice in committed state, in order per sender; see
 * {@link AbstractMessagingCrashTest}.
 */
class RunLoopCrashTest extends MessagingCrashTest {
    @Override
    protected boolean viaLoop() {
        return true;
    }
}
