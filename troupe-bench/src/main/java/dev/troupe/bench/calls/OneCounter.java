package dev.troupe.bench.calls;

import dev.troupe.bench.counters.CounterSystem;
import dev.troupe.bench.counters.CounterSystems;
import dev.troupe.demo.Counter;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** JMH state: one counter of the system under test, shared by every benchmark thread. */
@State(Scope.Benchmark)
public class OneCounter {
    /** The counter system ({@link CounterSystems#TROUPE}, ...); set by JMH. */
    @Param(CounterSystems.TROUPE)
    public String system;

    private CounterSystem counters;
    private Counter counter;

    /** Opens the system and activates the counter. */
    @Setup(Level.Trial)
    public void open() throws InterruptedException {
        counters = CounterSystems.open(system, 1);
        counter = counters.counter(0);
    }

    /** Stops the system. */
    @TearDown(Level.Trial)
    public void close() {
        counters.close();
    }

    Counter counter() {
        return counter;
    }
}
