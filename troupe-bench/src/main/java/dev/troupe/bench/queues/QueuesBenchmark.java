package dev.troupe.bench.queues;

import dev.troupe.ActorRef;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.ClosedLoop;
import dev.troupe.bench.harness.Interleaved;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.sqlite.SqliteStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code queues}: queue throughput next to action throughput, on SQLite, in interleaved windows of one
 * run on one runtime (docs/queues.md). 1,000 in-process callers, caller {@code i} working on worker
 * {@code i}: on the queue side each caller enqueues to the worker's queue (the message is durable in
 * the outbox when {@code enqueue} returns) for a window, and the rate is the messages enqueued over the
 * time until the workers' handlers processed all of them, each in its own durable turn; on the action side each caller calls the worker's action and
 * waits for its durable answer, and what is counted is the completed calls.
 */
public final class QueuesBenchmark implements Benchmark {
    private static final int WORKERS = 1_000;
    private static final int ROUNDS = 3;
    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final Duration WARM_UP = Duration.ofSeconds(4);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);
    private static final Duration DRAIN_POLL = Duration.ofMillis(5);

    @Override
    public String name() {
        return "queues";
    }

    @Override
    public String title() {
        return "Queues on SQLite: queue messages processed vs action calls on the same 1,000 actors";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Findings findings = new Findings();
        try (Troupe troupe = Troupe.builder().store(SqliteStore.open(context.freshDirectory("queues")))
                .register(WorkerActor.class, type -> type.queues(WorkerActor.QUEUE))
                .maxActiveActors(10 * WORKERS).sleepAfter(Duration.ofHours(1)).build()) {
            List<ActorRef<Worker>> refs = IntStream.range(0, WORKERS)
                    .mapToObj(i -> troupe.ref(Worker.class, Key.of("w" + i))).toList();
            Worker[] workers = refs.stream().map(ActorRef::get).toArray(Worker[]::new);
            IntStream.range(0, WORKERS).parallel().forEach(i -> refs.get(i).getOrCreate(null).add(0));
            Interleaved.Rates rates = Interleaved.run("queues", new String[] {"queue messages", "action calls"},
                    window -> enqueues(refs, window),
                    window -> ClosedLoop.callRate(WORKERS, i -> workers[i].add(1), window), ROUNDS, WARM_UP, WINDOW);
            Summary queue = rates.first();
            Summary action = rates.second();
            findings.row(Row.of("SQLite: queue messages processed, 1,000 actors, 1,000 callers", queue.median(), "/s")
                            .against("action calls on the same actors", action.median()))
                    .note(String.format(Locale.ROOT, "Medians of %d interleaved %d s windows per side on one runtime "
                                    + "and one SQLite file (synchronous=FULL); queue %s to %s/s, actions %s to %s/s. "
                                    + "A queue message costs an outbox write (batched with the other callers' by the "
                                    + "group committer) and one durable turn (the handler's, carrying its receipt); "
                                    + "an action one durable turn.",
                            ROUNDS, WINDOW.toSeconds(), Numbers.format(queue.min()), Numbers.format(queue.max()),
                            Numbers.format(action.min()), Numbers.format(action.max())));
        }
        return findings;
    }

    /**
     * Queue messages processed per second: the callers enqueue for {@code window}, then the time runs on
     * until the handlers processed every message enqueued, so that no backlog is left for the next window.
     */
    private static double enqueues(List<ActorRef<Worker>> refs, Duration window) throws InterruptedException {
        long before = WorkerActor.PROCESSED.sum();
        long started = System.nanoTime();
        ClosedLoop loop = ClosedLoop.start(WORKERS, i -> refs.get(i).enqueue(WorkerActor.QUEUE, 1));
        Thread.sleep(window);
        loop.close();
        loop.throwIfFailed();
        long enqueued = loop.completed();
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (WorkerActor.PROCESSED.sum() - before < enqueued) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the handlers processed " + (WorkerActor.PROCESSED.sum() - before)
                        + " of " + enqueued + " queue messages within " + DRAIN_LIMIT);
            }
            Thread.sleep(DRAIN_POLL);
        }
        return enqueued / ((System.nanoTime() - started) / 1e9);
    }
}
