package dev.troupe.testkit;

import dev.troupe.ActorContract;

/** An actor whose one action waits until the test opens its gate: a turn held busy on purpose. */
@ActorContract("gate")
public interface Gate {
    /** Returns once {@link GateActor#open} has been called for this actor's key. */
    void pass();
}
