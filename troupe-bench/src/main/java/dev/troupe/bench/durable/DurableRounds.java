package dev.troupe.bench.durable;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.Findings;
import dev.troupe.bench.result.Numbers;
import dev.troupe.demo.Counter;
import dev.troupe.demo.CounterActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Durable throughput of one store, next to the storage ceiling, in interleaved rounds.
 *
 * First the actors are created, by concurrent first calls, after as many other actors were created to
 * warm the code paths up, and the creation rate is compared with the ceiling's one-row transactions
 * (without combining, a creation is two store transactions: a claim that finds nothing, then the
 * insert). Then, per round: a
 * window of Troupe load (closed-loop callers on random counters); the ceiling at the rows per
 * transaction that Troupe's group commit reached in that window; the ceiling at one row per actor per
 * transaction (its best); where the dialect has one, the same as a single array UPDATE statement; and
 * batched inserts of as many new rows per transaction (issue #6's "raw batched inserts"); and one
 * caller on one counter next to the disk's serial fsync rate (issue #22's latency-bound case).
 * Interleaving spreads the machine's background noise over both sides; medians are reported.
 */
final class DurableRounds {
    private static final Logger LOG = LoggerFactory.getLogger(DurableRounds.class);

    static final int ACTORS = 1_000;
    static final int CALLERS = 1_000;
    static final int ROUNDS = 3;
    static final Duration WINDOW = Duration.ofSeconds(8);
    static final Duration CEILING_WINDOW = Duration.ofSeconds(4);

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(1);

    /**
     * What the rounds measured on one store.
     *
     * @param creationsPerSecond   actors created per second by concurrent first calls
     * @param oneRowTransactions   the ceiling's one-row transactions per second, right after
     * @param windows              Troupe's load windows
     * @param sameShape            the ceiling's updates/s at Troupe's rows per commit, per round
     * @param best                 the ceiling's updates/s at {@value #ACTORS} rows per transaction
     * @param array                the same as one array UPDATE, or empty if the dialect has none
     * @param inserts              the ceiling's inserts/s at {@value #ACTORS} rows per transaction
     * @param oneCaller            one caller's increments next to the fsync ceiling, per round
     * @param largestBatch         the runtime's largest batch at the end
     */
    record Measured(double creationsPerSecond, double oneRowTransactions, List<LoadWindow> windows,
                    double[] sameShape, double[] best, double[] array, double[] inserts,
                    List<OneCaller.Round> oneCaller, long largestBatch) {
    }

    private DurableRounds() {
    }

    static void run(StoreUnderTest database, Findings findings) throws Exception {
        findings.note(database.label() + " settings: " + String.join(", ", database.durabilitySettings()) + ".");
        DurableReport.add(database.label(), measure(database), findings);
    }

    private static Measured measure(StoreUnderTest database) throws Exception {
        String label = database.label();
        try (Troupe troupe = Troupe.builder()
                .store(database.openStore())
                .register(CounterActor.class)
                .maxActiveActors(10 * ACTORS)
                .sleepAfter(Duration.ofHours(1))
                .build();
             StorageCeiling ceiling = database.openCeiling(ACTORS)) {
            Counter[] counters = IntStream.range(0, ACTORS)
                    .mapToObj(i -> troupe.actor(Counter.class, Key.of("durable", Integer.toString(i))))
                    .toArray(Counter[]::new);
            createAll(IntStream.range(0, ACTORS)
                    .mapToObj(i -> troupe.actor(Counter.class, Key.of("warm-up", Integer.toString(i))))
                    .toArray(Counter[]::new));
            long start = System.nanoTime();
            createAll(counters);
            double creations = ACTORS / ((System.nanoTime() - start) / 1e9);
            double oneRow = ceiling.updatesPerSecond(1, CEILING_WINDOW);
            LOG.info("{}: {} creations/s, ceiling {} one-row transactions/s; warming up", label,
                    Numbers.format(creations), Numbers.format(oneRow));
            LoadWindow.measure(troupe, counters, CALLERS, SETTLE, WARM_UP);
            ceiling.updatesPerSecond(ACTORS, SETTLE);
            List<LoadWindow> windows = new ArrayList<>();
            double[] sameShape = new double[ROUNDS];
            double[] best = new double[ROUNDS];
            double[] array = new double[ceiling.hasArrayUpdate() ? ROUNDS : 0];
            double[] inserts = new double[ROUNDS];
            List<OneCaller.Round> oneCaller = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                LoadWindow window = LoadWindow.measure(troupe, counters, CALLERS, SETTLE, WINDOW);
                windows.add(window);
                int batch = (int) Math.round(window.writesPerCommit());
                sameShape[round] = ceiling.updatesPerSecond(batch, CEILING_WINDOW);
                best[round] = ceiling.updatesPerSecond(ceiling.rows(), CEILING_WINDOW);
                if (array.length > 0) {
                    array[round] = ceiling.arrayUpdatesPerSecond(ceiling.rows(), CEILING_WINDOW);
                }
                inserts[round] = ceiling.insertsPerSecond(ceiling.rows(), CEILING_WINDOW);
                oneCaller.add(OneCaller.measure(counters[round], database.dataDirectory(), SETTLE, CEILING_WINDOW));
                LOG.info("{} round {}: {} increments/s, {} writes/commit; ceiling {} updates/s at {} rows/tx, {} at {}",
                        label, round + 1, Numbers.format(window.actionsPerSecond()),
                        Numbers.format(window.writesPerCommit()), Numbers.format(sameShape[round]), batch,
                        Numbers.format(best[round]), ceiling.rows());
            }
            return new Measured(creations, oneRow, windows, sameShape, best, array, inserts, oneCaller,
                    troupe.stats().largestBatch());
        }
    }

    /** Creates the actors with concurrent first calls, one virtual thread each. */
    private static void createAll(Counter[] counters) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> created = new ArrayList<>();
            for (Counter counter : counters) {
                created.add(executor.submit(() -> counter.increment(0)));
            }
            for (Future<Long> future : created) {
                future.get();
            }
        }
    }
}
