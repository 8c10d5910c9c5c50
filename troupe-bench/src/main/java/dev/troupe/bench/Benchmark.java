package dev.troupe.bench;

/**
 * One benchmark that {@code ./troupe bench NAME} runs. Every measurement it reports stands next to a
 * baseline measured in the same run, since the machine it runs on is shared and noisy: the ratio is
 * what carries over between runs, not the absolute number.
 */
public interface Benchmark {

    /** The name on the command line and of the result file ({@code calls}). */
    String name();

    /** A one-line description for {@code --list} and the results. */
    String title();

    /**
     * Runs the benchmark to completion (a few minutes at most) and returns what it measured.
     *
     * @throws Exception if the benchmark cannot run; nothing is reported for it then
     */
    Findings run(BenchContext context) throws Exception;
}
