package dev.troupe.bench.http;

import dev.troupe.bench.result.Numbers;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load test measured and whether the counts added up.
 *
 * @param url             the server
 * @param call            the action under load, {@code type.action}
 * @param clients         keep-alive connections
 * @param keys            counters the load was spread over
 * @param warmUpSeconds   unmeasured load before the window
 * @param seconds         the window
 * @param calls           increments acknowledged inside the window
 * @param perSecond       the same per second
 * @param p50Millis       latency percentiles of the window's acknowledged calls, in milliseconds
 * @param p90Millis       see {@code p50Millis}
 * @param p99Millis       see {@code p50Millis}
 * @param p999Millis      see {@code p50Millis}
 * @param statuses        answers by HTTP status over the whole run
 * @param ioErrors        connections that failed (each reopened)
 * @param acknowledged    increments acknowledged over the whole run
 * @param inDoubt         increments answered with an error or not at all
 * @param problemCount    problems the final check found (0: consistent)
 * @param problems        the first of them, in plain words
 */
record LoadTestResult(String url, String call, int clients, int keys, int warmUpSeconds, int seconds, long calls,
                      double perSecond, double p50Millis, double p90Millis, double p99Millis, double p999Millis,
                      Map<Integer, Long> statuses, long ioErrors, long acknowledged, long inDoubt, long problemCount,
                      List<String> problems) {

    /** Whether the load reached the server and every counter added up. */
    boolean passed() {
        return calls > 0 && problemCount == 0;
    }

    /** Prints the result as a table for people. */
    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "Load test of %s: %s, %d clients, %s keys, %d s window after %d s warm-up%n", url,
                call, clients, Numbers.format(keys), seconds, warmUpSeconds);
        row(out, "increments/s", Numbers.format(perSecond));
        row(out, "acknowledged in window", Numbers.format(calls));
        row(out, "latency p50", millis(p50Millis));
        row(out, "latency p90", millis(p90Millis));
        row(out, "latency p99", millis(p99Millis));
        row(out, "latency p99.9", millis(p999Millis));
        row(out, "answers by status", statuses.toString());
        row(out, "connection errors", Long.toString(ioErrors));
        row(out, "check", problemCount == 0
                ? String.format(Locale.ROOT, "consistent: %s acknowledged increments (%s in doubt) on %s counters",
                        Numbers.format(acknowledged), Numbers.format(inDoubt), Numbers.format(keys))
                : problemCount + " problems");
        problems.forEach(problem -> out.println("  - " + problem));
        if (problemCount > problems.size()) {
            out.println("  - … and " + (problemCount - problems.size()) + " more");
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "  %-24s %s%n", name, value);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f ms", value);
    }
}
