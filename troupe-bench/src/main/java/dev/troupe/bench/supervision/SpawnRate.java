package dev.troupe.bench.supervision;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child spawn rate: {@value #PARENTS} crews spawn {@value #PER_PARENT} hands each, concurrently, next
 * to the same number of hands created from outside by as many callers ({@code create}, no parent), in
 * interleaved rounds on one SQLite runtime. Both insert one actor per child; a spawn adds the link and
 * the parent's turn around it.
 */
final class SpawnRate implements SupervisionBenchmark.Part {
    private static final Logger LOG = LoggerFactory.getLogger(SpawnRate.class);
    private static final int PARENTS = 100;
    private static final int PER_PARENT = 20;
    private static final int ROUNDS = 3;

    @Override
    public void measure(BenchContext context, Findings findings) throws Exception {
        try (Troupe troupe = SupervisionRuntimes.sqlite(context.freshDirectory("spawn"))) {
            rate(() -> spawnRound(troupe, "warm"));
            rate(() -> createRound(troupe, "warm"));
            double[] spawns = new double[ROUNDS];
            double[] creates = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                String tag = "r" + round;
                spawns[round] = rate(() -> spawnRound(troupe, tag));
                creates[round] = rate(() -> createRound(troupe, tag));
                LOG.info("spawn round {}: {} spawns/s, {} creates/s", round + 1, Numbers.format(spawns[round]),
                        Numbers.format(creates[round]));
            }
            Summary spawned = Summary.of(spawns);
            Summary created = Summary.of(creates);
            findings.row(Row.of(String.format(Locale.ROOT, "SQLite: children spawned, %d parents x %d", PARENTS,
                            PER_PARENT), spawned.median(), "/s")
                            .against("the same number of actors created without a parent", created.median()))
                    .note(String.format(Locale.ROOT, "Spawn rate: medians of %d interleaved rounds of %,d actors per "
                                    + "side; spawns %s to %s/s, plain creates %s to %s/s.", ROUNDS, PARENTS * PER_PARENT,
                            Numbers.format(spawned.min()), Numbers.format(spawned.max()),
                            Numbers.format(created.min()), Numbers.format(created.max())));
        }
    }

    /** Actors per second of one round. */
    private static double rate(Callable<Integer> round) throws Exception {
        long start = System.nanoTime();
        int actors = round.call();
        return actors / ((System.nanoTime() - start) / 1e9);
    }

    private static int spawnRound(Troupe troupe, String tag) throws Exception {
        return inParallel(parent -> troupe.actor(Crew.class, Key.of("crew-" + tag, Integer.toString(parent)))
                .spawn("h", PER_PARENT));
    }

    private static int createRound(Troupe troupe, String tag) throws Exception {
        return inParallel(caller -> {
            for (int i = 0; i < PER_PARENT; i++) {
                troupe.ref(Hand.class, Key.of("plain-" + tag, caller + "-" + i)).create(null);
            }
            return PER_PARENT;
        });
    }

    /** Runs {@code work} for each of {@link #PARENTS} indices on its own virtual thread; the sum of what they return. */
    private static int inParallel(IndexedWork work) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = new ArrayList<>(PARENTS);
            for (int i = 0; i < PARENTS; i++) {
                int index = i;
                futures.add(executor.submit(() -> work.run(index)));
            }
            int total = 0;
            for (Future<Integer> future : futures) {
                total += future.get();
            }
            return total;
        }
    }

    /** One caller's share of a round. */
    @FunctionalInterface
    private interface IndexedWork {
        int run(int index) throws Exception;
    }
}
