package dev.troupe.server.testing;

import dev.troupe.ActorContract;

/** An actor whose connections wait at a gate the test opens, for what happens before the welcome. */
@ActorContract("test-gate")
public interface Gate {
    /** Answers {@code value}; not read-only, so that calls answer in the order sent. */
    int echo(int value);
}
