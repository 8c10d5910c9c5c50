package dev.troupe.bench.calls;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * The JMH benchmarks of in-process calls: {@code increment(1)} on the demo counter, with the counter
 * system a parameter so that Troupe and its baselines run the same code in the same run. The runner
 * ({@link JmhRunner}) puts the benchmark threads on virtual threads, as callers of Troupe would be.
 */
public class CallScenarios {
    /** Concurrent callers in the throughput benchmarks. */
    public static final int CALLERS = 64;

    /** Throughput on one actor, every caller calling it. */
    @Benchmark
    @Threads(CALLERS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long oneActor(OneCounter state) {
        return state.counter().increment(1);
    }

    /** Throughput across {@value ManyCounters#COUNTERS} actors, each call to a random one. */
    @Benchmark
    @Threads(CALLERS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long manyActors(ManyCounters state) {
        return state.pick().increment(1);
    }

    /** Latency of one call from one caller to an otherwise idle actor. */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long roundTrip(OneCounter state) {
        return state.counter().increment(1);
    }
}
