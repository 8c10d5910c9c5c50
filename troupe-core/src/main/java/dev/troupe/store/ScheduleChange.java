package dev.troupe.store;

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
}
