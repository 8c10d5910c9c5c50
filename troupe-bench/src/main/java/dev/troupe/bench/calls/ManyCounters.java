package dev.troupe.bench.calls;

import dev.troupe.bench.counters.CounterSystem;
import dev.troupe.bench.counters.CounterSystems;
import dev.troupe.demo.Counter;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** JMH state: {@value #COUNTERS} active counters of the system under test; each call picks one at random. */
@State(Scope.Benchmark)
public class ManyCounters {
    /** How many counters. */
    public static final int COUNTERS = 10_000;

    /** The counter system ({@link CounterSystems#TROUPE}, ...); set by JMH. */
    @Param(CounterSystems.TROUPE)
    public String system;

    private CounterSystem counters;

    /** Opens the system and activates every counter. */
    @Setup(Level.Trial)
    public void open() throws InterruptedException {
        counters = CounterSystems.open(system, COUNTERS);
    }

    /** Stops the system. */
    @TearDown(Level.Trial)
    public void close() {
        counters.close();
    }

    Counter pick() {
        return counters.counter(ThreadLocalRandom.current().nextInt(COUNTERS));
    }
}
