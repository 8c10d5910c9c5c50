package dev.troupe.testing;

import dev.troupe.ActorContract;
import java.util.List;

/** Sets durable schedules and records which ran, for schedule tests. */
@ActorContract("test-scheduling")
public interface Scheduling {
    /** Schedules {@code record(d)} after {@code d} ms for each delay. */
    void plan(List<Integer> delaysMillis);

    /** Schedules {@code record(d)} after {@code d} ms and cancels it in the same turn. */
    void planAndCancel(int delayMillis);

    /** Schedules an action that does not exist. */
    void planUnknown();

    /** Called by the schedules. */
    void record(int delayMillis);

    /** The delays whose schedules ran, in the order they ran. */
    List<Integer> ran();
}
