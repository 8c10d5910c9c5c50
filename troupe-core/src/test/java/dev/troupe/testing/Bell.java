package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** A bell that rings by a cron schedule, for the cron restart tests (AbstractCronRestartTest). */
@ActorContract("test-bell")
public interface Bell {
    /** Rings at every occurrence of {@code expression} in {@code zone}; returns the schedule id. */
    String ringEvery(String expression, String zone);

    /** Cancels the series {@code scheduleId}. */
    void stop(String scheduleId);

    /** One ring, run by the schedule. */
    void ring();

    /** How many rings committed. */
    @ReadOnly
    int rings();
}
