package dev.troupe.bench.http;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of {@code ./troupe bench http --url URL}: a load test against a running Troupe server
 * (a user's own deployment), with latency percentiles and a check that the final counts add up. The
 * actor type must behave like the demo's counter: an action that adds its one argument and returns
 * the new count, and a read-only action returning the count.
 */
public final class LoadTestOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of a running Troupe server (http or https); turns 'http' into a load test of it.")
    @Nullable URI url;

    @Option(names = "--clients", defaultValue = "64", paramLabel = "N",
            description = "Keep-alive connections, each calling in a closed loop (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--keys", defaultValue = "1000", paramLabel = "N",
            description = "Fresh actors the load is spread over, at random (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--seconds", defaultValue = "30", paramLabel = "S",
            description = "Length of the measured window (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warm-up-seconds", defaultValue = "5", paramLabel = "S",
            description = "Unmeasured load before the window; its increments are checked too (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--type", defaultValue = "counter", paramLabel = "TYPE",
            description = "Actor type under load (default: ${DEFAULT-VALUE}).")
    String type = "counter";

    @Option(names = "--action", defaultValue = "increment", paramLabel = "NAME",
            description = "Action called with [1], answering the new count (default: ${DEFAULT-VALUE}).")
    String action = "increment";

    @Option(names = "--read", defaultValue = "count", paramLabel = "NAME",
            description = "Read-only action answering the count, for the final check (default: ${DEFAULT-VALUE}).")
    String read = "count";

    @Option(names = "--token", paramLabel = "JWT",
            description = "Bearer token sent with every call (default: the TROUPE_TOKEN environment variable).")
    @Nullable String token;

    @Option(names = "--json", description = "Prints the result as one JSON object instead of a table.")
    boolean json;

    /** Whether a load test was asked for. */
    public boolean requested() {
        return url != null;
    }

    /** The bearer token: the option, else {@code TROUPE_TOKEN}, else none. */
    @Nullable String bearer() {
        if (token != null && !token.isBlank()) {
            return token;
        }
        String fromEnvironment = System.getenv("TROUPE_TOKEN");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }
}
