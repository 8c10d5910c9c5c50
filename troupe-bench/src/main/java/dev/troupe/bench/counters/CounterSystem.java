package dev.troupe.bench.counters;

import dev.troupe.demo.Counter;

/**
 * A set of counter actors in one actor system: Troupe, or a competitor that the benchmarks compare it
 * with. Each counter is the demo's {@link Counter}: {@code increment} returns the new count once the
 * system's guarantee holds (for Troupe: once the turn is durable in its store).
 */
public interface CounterSystem extends AutoCloseable {

    /** The handle of counter {@code index} (0 to size - 1); thread-safe, shared by all callers. */
    Counter counter(int index);

    /** How many counters there are. */
    int size();

    /** Stops the system and releases what it holds. */
    @Override
    void close();
}
