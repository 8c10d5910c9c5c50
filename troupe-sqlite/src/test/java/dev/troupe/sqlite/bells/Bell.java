package dev.troupe.sqlite.bells;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/** A bell that rings by a cron schedule, for the restart test. */
@ActorContract("test-bell")
public interface Bell {
    /** Rings at every occurrence of {@code expression} in {@code zone}; returns the schedule id. */
    String ringEvery(String expression, String zone);

    /** One ring, run by the schedule. */
    void ring();

    /** How many rings committed. */
    @ReadOnly
    int rings();
}
