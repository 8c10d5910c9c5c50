package dev.troupe;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Durable schedules of the current actor: "call this action of mine later".
 *
 * <p>Setting or cancelling a schedule is part of the current turn: it commits atomically with the
 * turn's state and is discarded if the turn throws. A committed schedule survives sleep and restarts,
 * wakes the actor when due and runs at least once (a crash after the run but before its commit runs it
 * again); schedules of one actor run in due-time order. The scheduled action runs as a
 * {@link CallerType#SYSTEM} caller. If it throws, the error is logged and the schedule is removed.
 *
 * <p>A {@linkplain #cron cron schedule} repeats: when one of its runs commits, or throws, its next
 * occurrence is stored in the same commit, under the same id, until it is {@linkplain #cancel cancelled}.
 * Occurrences missed while the actor could not run (the runtime was down) are coalesced: the schedule runs
 * once when it can, then continues from the next occurrence after that run.
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

    /**
     * Calls {@code action} with {@code args} at every occurrence of the cron {@code expression} in
     * {@code zone}, starting with the first after now. The expression has the five standard fields
     * (minute, hour, day of month, month, day of week: {@code "0 9 * * MON-FRI"}); occurrences are wall-clock
     * times in {@code zone}, so a daily {@code "0 9 * * *"} in {@code Europe/Berlin} stays at 09:00 across a
     * daylight-saving change. A local time that a change to summer time skips runs when the gap ends; one
     * that the change back repeats runs once, at its first pass. Missed occurrences are coalesced into one
     * run (see the class comment). There is no default zone: UTC is {@code ZoneOffset.UTC}.
     *
     * @return the schedule id of the series, for {@link #cancel}
     * @throws TroupeException {@code schedule/invalid_cron} if the expression does not parse (not five
     *                         fields, a field out of range), never occurs, or {@code zone} is null, and as
     *                         {@link #after} if the action or arguments do not fit; nothing is scheduled
     *                         then, and the turn's other effects stand if the actor catches it
     */
    String cron(String expression, ZoneId zone, String action, Object... args);

    /**
     * As {@link #cron(String, ZoneId, String, Object...)} with the zone given by its id ({@code "Europe/Berlin"},
     * {@code "UTC"}, {@code "+02:00"}), such as one a client sent.
     *
     * @throws TroupeException {@code schedule/invalid_cron} also if {@code zone} is not a known zone id
     *                         ({@code metadata.zone} names it)
     */
    String cron(String expression, String zone, String action, Object... args);

    /**
     * Cancels a schedule of this actor, or every further run of a cron schedule; unknown ids are ignored.
     * Takes effect when the turn commits.
     */
    void cancel(String scheduleId);
}
