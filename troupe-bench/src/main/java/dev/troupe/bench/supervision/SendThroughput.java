package dev.troupe.bench.supervision;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.ClosedLoop;
import dev.troupe.bench.harness.Interleaved;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.sqlite.SqliteStore;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The messaging part of {@code supervision}: one-way {@code send} throughput between 1,000 actor pairs on
 * SQLite, next to request–response calls between the same pairs, in interleaved windows of one run on
 * one runtime. Each window has 1,000 in-process callers, caller {@code i} asking talker {@code i} to
 * talk to tally {@code i}: one-way, the talker's turn writes the message in its commit and returns, and
 * what is counted is the messages the tallies processed (their own durable turns) in the window;
 * request–response, the talker's turn calls the tally and waits for its durable answer, and what is
 * counted is the completed calls.
 */
final class SendThroughput implements SupervisionBenchmark.Part {
    private static final int PAIRS = 1_000;
    private static final int ROUNDS = 3;
    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final Duration WARM_UP = Duration.ofSeconds(4);

    @Override
    public void measure(BenchContext context, Findings findings) throws Exception {
        try (Troupe troupe = Troupe.builder().store(SqliteStore.open(context.freshDirectory("send")))
                .register(TalkerActor.class).register(TallyActor.class)
                .maxActiveActors(10 * PAIRS).sleepAfter(Duration.ofHours(1)).build()) {
            Talker[] talkers = IntStream.range(0, PAIRS).mapToObj(i -> troupe.actor(Talker.class, Key.of("t" + i)))
                    .toArray(Talker[]::new);
            IntStream.range(0, PAIRS).parallel().forEach(i -> troupe.actor(Tally.class, Key.of("tally" + i)).add(0));
            Interleaved.Rates rates = Interleaved.run("send", new String[] {"messages one-way", "calls request-response"},
                    window -> sends(talkers, window),
                    window -> ClosedLoop.callRate(PAIRS, i -> talkers[i].request("tally" + i), window),
                    ROUNDS, WARM_UP, WINDOW);
            Summary oneWay = rates.first();
            Summary calls = rates.second();
            findings.row(Row.of("SQLite: one-way sends processed, 1,000 pairs, 1,000 callers", oneWay.median(), "/s")
                            .against("request-response calls between the same pairs", calls.median()))
                    .note(String.format(Locale.ROOT, "Medians of %d interleaved %d s windows per side on one runtime "
                                    + "and one SQLite file (synchronous=FULL); one-way %s to %s/s, request-response "
                                    + "%s to %s/s. A one-way message costs two durable turns (the sender's, carrying it "
                                    + "in the outbox, and the receiver's, carrying its receipt), as a call does.",
                            ROUNDS, WINDOW.toSeconds(), Numbers.format(oneWay.min()), Numbers.format(oneWay.max()),
                            Numbers.format(calls.min()), Numbers.format(calls.max())));
        }
    }

    /** Messages the tallies processed per second while the callers sent one way for {@code window}. */
    private static double sends(Talker[] talkers, Duration window) throws InterruptedException {
        long before = TallyActor.PROCESSED.sum();
        long started = System.nanoTime();
        try (ClosedLoop loop = ClosedLoop.start(PAIRS, i -> talkers[i].send("tally" + i))) {
            Thread.sleep(window);
            loop.throwIfFailed();
        }
        return (TallyActor.PROCESSED.sum() - before) / ((System.nanoTime() - started) / 1e9);
    }
}
