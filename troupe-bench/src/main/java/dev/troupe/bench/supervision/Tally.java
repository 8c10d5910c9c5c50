package dev.troupe.bench.supervision;

import dev.troupe.ActorContract;

/** The receiving side of the send benchmark: counts what reaches it. */
@ActorContract("bench-tally")
public interface Tally {
    /** Adds one; returns the new count (ignored when sent one-way). */
    long add(long n);
}
