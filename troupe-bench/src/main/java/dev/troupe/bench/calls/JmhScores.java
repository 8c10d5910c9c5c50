package dev.troupe.bench.calls;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** The results of a {@link JmhRunner} run, looked up by scenario and counter system. */
public final class JmhScores {
    private final List<RunResult> results;

    JmhScores(Collection<RunResult> results) {
        this.results = List.copyOf(results);
    }

    /**
     * The primary result of {@code scenario} (a method of {@link CallScenarios}) for {@code system}.
     *
     * @throws IllegalStateException if JMH reported none
     */
    public Result<?> of(String scenario, String system) {
        String benchmark = CallScenarios.class.getName() + "." + scenario;
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().equals(benchmark)
                        && system.equals(r.getParams().getParam("system")))
                .findFirst()
                .map(RunResult::getPrimaryResult)
                .orElseThrow(() -> new IllegalStateException("JMH reported no result for " + scenario + " of " + system));
    }

    /** The score of {@code scenario} for {@code system}: operations per second, or mean microseconds. */
    public double score(String scenario, String system) {
        return of(scenario, system).getScore();
    }

    /** A percentile (0-100) of a sampled-time scenario, in microseconds. */
    public double percentile(String scenario, String system, double percentile) {
        return of(scenario, system).getStatistics().getPercentile(percentile);
    }
}
