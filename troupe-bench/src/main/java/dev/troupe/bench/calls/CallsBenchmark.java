package dev.troupe.bench.calls;

import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.counters.CounterSystems;
import dev.troupe.bench.result.Target;
import java.util.List;

/**
 * {@code calls}: in-process {@code increment} throughput on one actor and across 10,000 actors with 64
 * concurrent virtual-thread callers, and single-caller round-trip latency, on {@code MemoryStore}. The
 * baseline is {@link dev.troupe.bench.counters.MailboxCounter}, the bare mailbox-and-virtual-thread
 * actor, so the ratio is the price of the rest of the runtime.
 */
public final class CallsBenchmark implements Benchmark {
    /** Issue #2: at least this many increments per second on one actor. */
    static final Target ONE_ACTOR_TARGET = Target.atLeast(200_000);

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public String title() {
        return "In-process increment throughput (one actor; 10,000 actors) and round-trip latency, MemoryStore";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        JmhScores scores = JmhRunner.run(context, List.of(CounterSystems.TROUPE, CounterSystems.MAILBOX));
        Findings findings = new Findings();
        CallRows.add(findings, scores, CounterSystems.MAILBOX, "minimal mailbox actor", ONE_ACTOR_TARGET);
        return findings.note(JmhRunner.METHOD + ".");
    }
}
