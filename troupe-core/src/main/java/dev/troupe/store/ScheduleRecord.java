package dev.troupe.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable schedule: call {@code action} with {@code args} on actor {@code actorId} at {@code dueAt}.
 *
 * <p>Schedules are ordered by {@code (dueAt, id)}; ids are time-ordered, so schedules due at the same
 * instant run in the order they were set.
 *
 * @param id      the schedule's unique id
 * @param actorId the actor to wake
 * @param dueAt   when it is due
 * @param action  the action to call
 * @param args    the arguments as a JSON array text; for a cron schedule the runtime stores
 *                {@code {"cron","zone","args"}} here instead. Stores keep it verbatim.
 */
public record ScheduleRecord(String id, String actorId, Instant dueAt, String action, String args) {

    /** Checks that no field is missing. */
    public ScheduleRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(args, "args");
    }
}
