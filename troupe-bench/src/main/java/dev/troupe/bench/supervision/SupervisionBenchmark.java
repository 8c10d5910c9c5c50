package dev.troupe.bench.supervision;

import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import java.util.List;

/**
 * {@code supervision}: what supervision trees cost, on SQLite. Each {@link Part} measures one thing
 * next to its own same-run baseline and adds its rows; a new measurement of the tree is one more part
 * in {@link #PARTS}.
 */
public final class SupervisionBenchmark implements Benchmark {
    /** The measurements, in the order they run and are reported. */
    private static final List<Part> PARTS = List.of(new SpawnRate(), new RestartLatency(), new SendThroughput());

    /** One measurement of the benchmark. */
    interface Part {
        /** Measures, adding its rows and notes to {@code findings}. */
        void measure(BenchContext context, Findings findings) throws Exception;
    }

    @Override
    public String name() {
        return "supervision";
    }

    @Override
    public String title() {
        return "Supervision trees on SQLite: child spawn rate vs plain creates, restart latency p50/p99, one-way send "
                + "throughput vs request-response between 1,000 pairs";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Findings findings = new Findings();
        for (Part part : PARTS) {
            part.measure(context, findings);
        }
        return findings;
    }
}
