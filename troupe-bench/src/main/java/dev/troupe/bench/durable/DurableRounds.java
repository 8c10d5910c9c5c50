package dev.troupe.bench.durable;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import dev.troupe.demo.Counter;
import dev.troupe.demo.CounterActor;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Durable throughput of one store, next to the storage ceiling, in interleaved rounds.
 *
 * Troupe runs first, then the ceiling, on the same database, alternately: a window of Troupe load
 * (closed-loop callers on random counters), then the ceiling at the rows-per-transaction that Troupe's
 * group commit reached in that window, then the ceiling at one row per actor per transaction (its
 * best). Interleaving spreads the machine's background noise over both sides; each side's median over
 * the rounds is reported.
 */
final class DurableRounds {
    private static final Logger LOG = LoggerFactory.getLogger(DurableRounds.class);

    static final int ACTORS = 1_000;
    static final int CALLERS = 1_000;
    static final Target TARGET = Target.atLeast(20_000);

    private static final int ROUNDS = 3;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(8);
    private static final Duration CEILING_WINDOW = Duration.ofSeconds(4);

    private DurableRounds() {
    }

    static void run(StoreUnderTest database, Findings findings) throws Exception {
        String label = database.label();
        findings.note(label + " settings: " + String.join(", ", database.durabilitySettings()) + ".");
        try (Troupe troupe = Troupe.builder()
                .store(database.openStore())
                .register(CounterActor.class)
                .maxActiveActors(10 * ACTORS)
                .sleepAfter(Duration.ofHours(1))
                .build();
             StorageCeiling ceiling = database.openCeiling(ACTORS)) {
            Counter[] counters = activate(troupe);
            LOG.info("{}: warming up", label);
            LoadWindow.measure(troupe, counters, CALLERS, SETTLE, WARM_UP);
            ceiling.updatesPerSecond(ACTORS, SETTLE);
            LoadWindow[] windows = new LoadWindow[ROUNDS];
            double[] sameShape = new double[ROUNDS];
            double[] best = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                windows[round] = LoadWindow.measure(troupe, counters, CALLERS, SETTLE, WINDOW);
                int batch = (int) Math.round(windows[round].writesPerCommit());
                sameShape[round] = ceiling.updatesPerSecond(batch, CEILING_WINDOW);
                best[round] = ceiling.updatesPerSecond(ceiling.rows(), CEILING_WINDOW);
                LOG.info("{} round {}: {} actions/s, {} writes/commit; ceiling {} updates/s at {} rows/tx, {} at {}",
                        label, round + 1, Numbers.format(windows[round].actionsPerSecond()),
                        Numbers.format(windows[round].writesPerCommit()), Numbers.format(sameShape[round]), batch,
                        Numbers.format(best[round]), ceiling.rows());
            }
            report(label, troupe, windows, sameShape, best, findings);
        }
    }

    /** Creates the counters (one durable create and increment each) before anything is measured. */
    private static Counter[] activate(Troupe troupe) {
        Counter[] counters = IntStream.range(0, ACTORS)
                .mapToObj(i -> troupe.actor(Counter.class, Key.of("durable", Integer.toString(i))))
                .toArray(Counter[]::new);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Counter counter : counters) {
                executor.submit(() -> counter.increment(0));
            }
        }
        return counters;
    }

    private static void report(String label, Troupe troupe, LoadWindow[] windows, double[] sameShape, double[] best,
                               Findings findings) {
        Summary actions = summary(windows, LoadWindow::actionsPerSecond);
        Summary writes = summary(windows, LoadWindow::writesPerSecond);
        Summary writesPerCommit = summary(windows, LoadWindow::writesPerCommit);
        Summary turnsPerCommit = summary(windows, LoadWindow::turnsPerCommit);
        Summary ceilingSame = Summary.of(sameShape);
        Summary ceilingBest = Summary.of(best);
        String shape = String.format(Locale.ROOT, "%,d actors, %,d callers", ACTORS, CALLERS);
        findings.row(Row.of(label + ": durable increments/s, " + shape, actions.median(), "ops/s")
                        .against("raw JDBC updates/s, " + ACTORS + " rows/tx (storage ceiling)", ceilingBest.median())
                        .target(TARGET))
                .row(Row.of(label + ": actor writes/s committed", writes.median(), "rows/s")
                        .against("raw JDBC updates/s at Troupe's rows/tx", ceilingSame.median()))
                .row(Row.of(label + ": actor writes per commit (committedWrites/commitBatches)",
                        writesPerCommit.median(), "rows"))
                .row(Row.of(label + ": durable turns per commit (durableTurns/commitBatches)",
                        turnsPerCommit.median(), "turns"))
                .row(Row.of(label + ": largest batch (largestBatch)", troupe.stats().largestBatch(), "rows"))
                .note(String.format(Locale.ROOT, "%s: medians of %d interleaved rounds (%s s Troupe, %s s per ceiling "
                                + "shape); increments/s ranged %s to %s, ceiling at %d rows/tx %s to %s.", label, ROUNDS,
                        WINDOW.toSeconds(), CEILING_WINDOW.toSeconds(), Numbers.format(actions.min()),
                        Numbers.format(actions.max()), ACTORS, Numbers.format(ceilingBest.min()),
                        Numbers.format(ceilingBest.max())));
    }

    private static Summary summary(LoadWindow[] windows, java.util.function.ToDoubleFunction<LoadWindow> metric) {
        double[] values = new double[windows.length];
        for (int i = 0; i < windows.length; i++) {
            values[i] = metric.applyAsDouble(windows[i]);
        }
        return Summary.of(values);
    }
}
