package dev.troupe.bench.pekko;

import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.calls.CallRows;
import dev.troupe.bench.calls.JmhRunner;
import dev.troupe.bench.calls.JmhScores;
import dev.troupe.bench.counters.CounterSystems;
import java.util.List;
import org.apache.pekko.Version;

/**
 * {@code pekko} (issue #6): the {@code calls} scenarios with Apache Pekko typed actors as the baseline,
 * asked from blocking virtual-thread callers with {@code AskPattern.ask}. Pekko keeps no state durably,
 * so the comparison is Troupe's in-process call path (on {@code MemoryStore}) against a mature actor
 * runtime's.
 */
public final class PekkoBenchmark implements Benchmark {

    @Override
    public String name() {
        return "pekko";
    }

    @Override
    public String title() {
        return "The calls scenarios against Apache Pekko typed ask";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        JmhScores scores = JmhRunner.run(context, List.of(CounterSystems.TROUPE, CounterSystems.PEKKO));
        Findings findings = new Findings();
        CallRows.add(findings, scores, CounterSystems.PEKKO, "Pekko typed ask", null);
        return findings.note("Apache Pekko " + Version.current() + " (pekko-actor-typed_3), default "
                + "dispatcher. " + JmhRunner.METHOD + ".");
    }
}
