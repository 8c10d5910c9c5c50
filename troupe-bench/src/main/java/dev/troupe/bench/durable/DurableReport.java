package dev.troupe.bench.durable;

import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Turns what {@link DurableRounds} measured on one store into rows and notes. */
final class DurableReport {
    /** Issue #2: at least this many durable actions per second. */
    static final Target TARGET = Target.atLeast(20_000);

    private DurableReport() {
    }

    static void add(String label, DurableRounds.Measured measured, Findings findings) {
        Summary actions = summary(measured.windows(), LoadWindow::actionsPerSecond);
        Summary best = Summary.of(measured.best());
        String shape = String.format(Locale.ROOT, "%,d actors, %,d callers", DurableRounds.ACTORS, DurableRounds.CALLERS);
        String fullBatch = String.format(Locale.ROOT, "%,d rows/tx", DurableRounds.ACTORS);
        findings.row(Row.of(label + ": durable increments, " + shape, actions.median(), "/s")
                .against("raw JDBC batch: row updates, " + fullBatch + " (storage ceiling)", best.median())
                .target(TARGET));
        findings.row(Row.of(label + ": durable increments, " + shape, actions.median(), "/s")
                .against("raw JDBC batch: inserts of new rows, " + fullBatch, Summary.of(measured.inserts()).median()));
        if (measured.array().length > 0) {
            findings.row(Row.of(label + ": durable increments, " + shape, actions.median(), "/s")
                    .against("raw JDBC: one array UPDATE of " + fullBatch, Summary.of(measured.array()).median()));
        }
        findings.row(Row.of(label + ": actor writes committed", summary(measured.windows(), LoadWindow::writesPerSecond)
                        .median(), "/s")
                        .against("raw JDBC batch: row updates at Troupe's rows/tx", Summary.of(measured.sameShape()).median()))
                .row(Row.of(label + ": store transactions (commitBatches)",
                        summary(measured.windows(), LoadWindow::commitsPerSecond).median(), "/s"))
                .row(Row.of(label + ": actor writes per commit (committedWrites/commitBatches)",
                        summary(measured.windows(), LoadWindow::writesPerCommit).median(), "rows"))
                .row(Row.of(label + ": durable turns per commit (durableTurns/commitBatches)",
                        summary(measured.windows(), LoadWindow::turnsPerCommit).median(), "turns"))
                .row(Row.of(label + ": largest batch (largestBatch)", measured.largestBatch(), "rows"))
                .row(Row.of(label + ": durable increments, 1 caller on 1 actor (latency-bound)",
                        median(measured.oneCaller(), OneCaller.Round::perSecond), "/s")
                        .against("serial 4 KiB write + fdatasync, same file system",
                                median(measured.oneCaller(), r -> r.fsync().perSecond()))
                        .target(Target.atLeast(OneCaller.TARGET
                                * median(measured.oneCaller(), r -> r.fsync().perSecond()))))
                .row(Row.of(label + ": durable increment latency, 1 caller: p50",
                        median(measured.oneCaller(), OneCaller.Round::p50Millis), "ms")
                        .against("serial 4 KiB write + fdatasync: p50",
                                median(measured.oneCaller(), r -> r.fsync().p50Millis())))
                .row(Row.of(label + ": actor creations by " + String.format(Locale.ROOT, "%,d", DurableRounds.ACTORS)
                                + " concurrent first calls",
                                measured.creationsPerSecond(), "/s")
                        .against("raw JDBC: one-row transactions", measured.oneRowTransactions()))
                .note(String.format(Locale.ROOT, "%s: medians of %d interleaved rounds (%d s of Troupe load, then %d s "
                                + "per ceiling shape); durable increments/s ranged %s to %s, the ceiling at %s %s to %s.",
                        label, DurableRounds.ROUNDS, DurableRounds.WINDOW.toSeconds(),
                        DurableRounds.CEILING_WINDOW.toSeconds(), Numbers.format(actions.min()),
                        Numbers.format(actions.max()), fullBatch, Numbers.format(best.min()), Numbers.format(best.max())));
    }

    private static double median(List<OneCaller.Round> rounds, ToDoubleFunction<OneCaller.Round> metric) {
        return Summary.of(rounds.stream().mapToDouble(metric).toArray()).median();
    }

    private static Summary summary(List<LoadWindow> windows, ToDoubleFunction<LoadWindow> metric) {
        return Summary.of(windows.stream().mapToDouble(metric).toArray());
    }
}
