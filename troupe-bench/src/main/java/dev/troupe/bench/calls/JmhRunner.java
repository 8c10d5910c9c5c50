package dev.troupe.bench.calls;

import dev.troupe.bench.BenchContext;
import dev.troupe.bench.LoggingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CallScenarios} with JMH for a list of counter systems: one fork per benchmark and system,
 * 5 warm-up and 5 measured iterations of 2 s, the benchmark threads on virtual threads
 * ({@code -Djmh.executor=VIRTUAL}). JMH runs the systems of one scenario back to back, so each ratio
 * compares measurements taken a minute apart at most. JMH's own JSON goes beside the result files.
 */
public final class JmhRunner {
    /** How the scenarios are run, for the notes of the results. */
    public static final String METHOD = "JMH 1.37, 1 fork per system and scenario, 5 x 2 s warm-up, 5 x 2 s measured; "
            + "callers are JMH threads on virtual threads (-Djmh.executor=VIRTUAL); -Xmx2g";

    private static final List<String> FORK_OPTIONS = List.of("-Xms2g", "-Xmx2g", "-Djmh.executor=VIRTUAL",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", LoggingConfig.jvmOption());

    private JmhRunner() {
    }

    /**
     * Runs the scenarios for {@code systems} and returns their scores.
     *
     * @throws RunnerException if a benchmark fails
     */
    public static JmhScores run(BenchContext context, List<String> systems) throws Exception {
        Files.createDirectories(context.results());
        Path raw = context.results().resolve(context.benchmark() + "-jmh.json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CallScenarios.class.getName() + "\\.")
                .param("system", systems.toArray(String[]::new))
                .forks(1)
                .warmupIterations(5)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgs(FORK_OPTIONS.toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(raw.toString());
        if (context.profile()) {
            Path profiles = Files.createDirectories(context.results().resolve(context.benchmark() + "-jfr"));
            options.addProfiler(JavaFlightRecorderProfiler.class, "dir=" + profiles);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        return new JmhScores(results);
    }
}
