package dev.troupe.bench.supervision;

import dev.troupe.ActorContract;

/** The child of the supervision benchmark. */
@ActorContract("bench-hand")
public interface Hand {
    /** Does nothing: a round trip. */
    long ping();

    /** Throws an unexpected exception: a failure its crew restarts. */
    void crash();
}
