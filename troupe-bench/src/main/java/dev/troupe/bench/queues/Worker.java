package dev.troupe.bench.queues;

import dev.troupe.ActorContract;

/** The actor of the queues benchmark: counts work that arrives by action or by its queue {@code jobs}. */
@ActorContract("bench-worker")
public interface Worker {
    /** Adds {@code n} by an action; returns the new count. */
    long add(long n);
}
