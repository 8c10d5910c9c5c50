package dev.troupe;

import java.time.Duration;
import java.time.Instant;

/**
 * Durable schedules of the current actor: "call this action of mine later".
 *
 * <p>Setting or cancelling a schedule is part of the current turn: it commits atomically with the
 * turn's state and is discarded if the turn throws. A committed schedule survives sleep and restarts,
 * wakes the actor when due and runs at least once (a crash after the run but before its commit runs it
 * again); schedules of one actor run in due-time order. The scheduled action runs as a
 * {@link CallerType#SYSTEM} caller. If it throws, the error is logged and the schedule is removed.
 */
public interface Schedules {

    /**
     * Calls {@code action} with {@code args} after {@code delay}.
     *
     * @return the schedule id, for {@link #cancel}
     * @throws TroupeException {@code actor/action_not_found} or {@code request/invalid_args} if the
     *                         action does not exist or the arguments do not fit it
     */
    String after(Duration delay, String action, Object... args);

    /** Calls {@code action} with {@code args} at {@code time}; see {@link #after}. */
    String at(Instant time, String action, Object... args);

    /** Cancels a schedule of this actor; unknown ids are ignored. Takes effect when the turn commits. */
    void cancel(String scheduleId);
}
