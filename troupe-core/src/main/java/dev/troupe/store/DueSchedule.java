package dev.troupe.store;

import dev.troupe.Key;

/**
 * A due schedule together with the address of the actor it wakes, so that the runtime can route it
 * without another look-up.
 *
 * @param schedule the schedule
 * @param type     the actor's type
 * @param key      the actor's key
 */
public record DueSchedule(ScheduleRecord schedule, String type, Key key) {
}
