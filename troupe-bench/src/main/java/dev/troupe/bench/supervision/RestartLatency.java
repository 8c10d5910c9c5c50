package dev.troupe.bench.supervision;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Latencies;
import dev.troupe.bench.result.Row;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Restart latency: from the moment a child's failed call returns its error to the moment the
 * restarted child has run {@code onWake} (report to the parent, its {@code onChildFailed} turn, the
 * restart with no backoff, a new epoch claimed from SQLite, the state loaded), next to a plain call to
 * the same child. Sequential samples on one child.
 */
final class RestartLatency implements SupervisionBenchmark.Part {
    private static final int WARM_UP = 100;
    private static final int SAMPLES = 1_000;

    @Override
    public void measure(BenchContext context, Findings findings) throws Exception {
        try (Troupe troupe = SupervisionRuntimes.sqlite(context.freshDirectory("restart"))) {
            Key key = Key.fromJson(troupe.actor(Crew.class, Key.of("restarts")).spawnOne("restarted"));
            Hand hand = troupe.actor(Hand.class, key);
            restarts(hand, key, WARM_UP);
            pings(hand, WARM_UP);
            Latencies restarts = restarts(hand, key, SAMPLES);
            Latencies pings = pings(hand, SAMPLES);
            findings.row(Row.of("SQLite: restart latency, failure to onWake: p50", restarts.quantileMillis(0.5), "ms")
                            .against("a call to the child: p50", pings.quantileMillis(0.5)))
                    .row(Row.of("SQLite: restart latency, failure to onWake: p99", restarts.quantileMillis(0.99), "ms")
                            .against("a call to the child: p99", pings.quantileMillis(0.99)))
                    .note(String.format(Locale.ROOT, "Restart latency: %,d sequential restarts of one child (strategy "
                            + "restart, no backoff) after %,d to warm up; the call baseline is as many pings.",
                            SAMPLES, WARM_UP));
        }
    }

    private static Latencies restarts(Hand hand, Key key, int samples) throws Exception {
        Latencies latencies = new Latencies();
        for (int i = 0; i < samples; i++) {
            CompletableFuture<Void> woke = HandActor.nextWake(key.toString());
            try {
                hand.crash();
                throw new IllegalStateException("the crash did not fail");
            } catch (TroupeException expected) {
                long failed = System.nanoTime();
                woke.get(10, TimeUnit.SECONDS);
                latencies.record(System.nanoTime() - failed);
            }
        }
        return latencies;
    }

    private static Latencies pings(Hand hand, int samples) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            hand.ping();
            latencies.record(System.nanoTime() - start);
        }
        return latencies;
    }
}
