package dev.troupe.testkit;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** An actor of the cron schedule tests: counts the runs of its cron schedules. */
@ActorContract("chime")
public interface Chime {
    /** Runs {@code tick} at every occurrence of {@code expression} in the zone named {@code zone}; returns the schedule id. */
    String every(String expression, String zone);

    /** Runs {@code tick} at every occurrence of {@code expression} in UTC. */
    String everyInUtc(String expression);

    /** Asks for a cron schedule without a time zone (a null one). */
    String everyWithoutZone(String expression);

    /** Counts a run, then asks for a cron schedule by {@code expression} in {@code zone}, not catching what it throws. */
    String tickThenEvery(String expression, String zone);

    /** Runs {@code tick} by {@code expression} in UTC; the run that makes {@code runs} runs cancels the series. */
    String everyUntil(String expression, int runs);

    /** Runs {@code fail}, which always throws, by {@code expression} in UTC. */
    String failEvery(String expression);

    /** Calls an action that does not exist by {@code expression}. */
    String everyUnknown(String expression);

    /**
     * Counts a run and sets a one-off schedule, then asks for a cron schedule by {@code expression} and
     * catches what that throws; returns its error code, or "none".
     */
    String tickThenTryEvery(String expression);

    /** Cancels a schedule. */
    void stop(String scheduleId);

    /** One run: counts it, and cancels the series once it reached its limit. */
    void tick();

    /** A run that throws. */
    void fail();

    /** How many runs committed. */
    @ReadOnly
    int runs();
}
