package dev.troupe.bench.calls;

import dev.troupe.bench.Findings;
import dev.troupe.bench.counters.CounterSystems;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.Result;

/** Turns the scores of {@link CallScenarios} into rows: Troupe next to one baseline system. */
public final class CallRows {
    private CallRows() {
    }

    /**
     * Adds the throughput and latency rows of Troupe against {@code baseline}.
     *
     * @param baseline        the baseline's system name in {@link CounterSystems}
     * @param baselineName    how the tables name the baseline
     * @param oneActorTarget  the target of the one-actor throughput, or null for none
     */
    public static void add(Findings findings, JmhScores scores, String baseline, String baselineName,
                           @Nullable Target oneActorTarget) {
        String troupe = CounterSystems.TROUPE;
        Row oneActor = Row.of("increments/s, one actor, " + CallScenarios.CALLERS + " callers",
                scores.score("oneActor", troupe), "ops/s").against(baselineName, scores.score("oneActor", baseline));
        findings.row(oneActorTarget == null ? oneActor : oneActor.target(oneActorTarget));
        findings.row(Row.of("increments/s, " + String.format(Locale.ROOT, "%,d", ManyCounters.COUNTERS)
                        + " actors, " + CallScenarios.CALLERS + " callers", scores.score("manyActors", troupe), "ops/s")
                .against(baselineName, scores.score("manyActors", baseline)));
        for (double percentile : new double[] {50, 99}) {
            findings.row(Row.of(String.format(Locale.ROOT, "round trip p%.0f, one caller", percentile),
                            scores.percentile("roundTrip", troupe, percentile), "us")
                    .against(baselineName, scores.percentile("roundTrip", baseline, percentile)));
        }
        for (String scenario : new String[] {"oneActor", "manyActors", "roundTrip"}) {
            findings.note(scenario + ": JMH 99.9% confidence half-widths: troupe "
                    + margin(scores.of(scenario, troupe)) + ", " + baseline + " " + margin(scores.of(scenario, baseline))
                    + " (" + scores.of(scenario, troupe).getScoreUnit() + ").");
        }
    }

    private static String margin(Result<?> result) {
        return "±" + Numbers.format(result.getScoreError()) + " of " + Numbers.format(result.getScore());
    }
}
