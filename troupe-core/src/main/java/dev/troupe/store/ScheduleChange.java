package dev.troupe.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to an actor's schedules, committed atomically with its turn.
 */
public sealed interface ScheduleChange {

    /** Adds a schedule (or replaces one of the same id). */
    record Put(ScheduleRecord schedule) implements ScheduleChange {
    }

    /** Removes a schedule, because it was cancelled or because its run committed. Absent ids are ignored. */
    record Remove(String scheduleId) implements ScheduleChange {
    }

    /**
     * Moves a stored schedule of the writing actor to {@code dueAt}, keeping everything else: a cron
     * schedule's run committed and its next occurrence is due then. Absent ids, and schedules of other
     * actors, are ignored; so a series cancelled before (a {@link Remove} committed first) stays removed
     * even when a run of it was already under way.
     */
    record Move(String scheduleId, Instant dueAt) implements ScheduleChange {
        /** Checks that no field is missing. */
        public Move {
            Objects.requireNonNull(scheduleId, "scheduleId");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }
}
