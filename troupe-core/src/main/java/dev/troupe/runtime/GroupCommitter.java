package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.RuntimeObserver;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Group commit: one thread turns the pending writes of all actors into store transactions.
 *
 * The loop takes whatever pending writes have queued up (at least one, at most maxBatch), seals them,
 * and commits them in a single Store.commit call. While that transaction syncs, new writes queue up and
 * form the next batch, so the batch size adapts to the store's latency: a slow fsync makes larger
 * batches, and throughput scales with concurrency instead of collapsing to one fsync per turn. This is
 * the classic group commit of database logs (DeWitt et al., 1984) applied across actors.
 *
 * Invariants:
 *  - A single thread calls Store.commit, so the writes of one activation reach the store in the order
 *    they were staged, and their outputs are released in that order.
 *  - A pending write whose activation generation has failed (an earlier commit failed) is never
 *    written: the state it carries was computed on top of state that is not durable.
 *  - If Store.commit throws, nothing of the batch was applied; every write in it fails and each
 *    affected activation reloads from the store before its next turn.
 *
 * Coalescing keeps every turn: each sealed PendingWrite still holds the TurnRecord of every turn it
 * carries, in order (PendingWrite.records()), so the transaction can carry one entry per turn.
 *
 * Releasing a batch's outputs (completing callers' replies, delivering events) is handed, batch by
 * batch, to one virtual thread, so that waking hundreds of callers does not delay the next
 * transaction. One thread keeps the release order; decisions that later batches depend on (fenced or
 * failed generations) are still made here, before the next batch is sealed. A pending write counts as
 * work in flight (Quiescence) from its submission until its batch's outputs are released.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final PendingWrite STOP = new PendingWrite(null, 0, "", 0);

    private final Store store;
    private final TimeSource time;
    private final int maxBatch;
    private final LinkedBlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final ExecutorService releaser =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("troupe-release").factory());
    private final Thread thread;
    private final LongAdder batches = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder turns = new LongAdder();
    private volatile int largestBatch;
    private final List<RuntimeObserver> observers;
    private final Quiescence quiescence;

    GroupCommitter(Store store, TimeSource time, int maxBatch, List<RuntimeObserver> observers,
                   Quiescence quiescence) {
        this.store = store;
        this.quiescence = quiescence;
        this.time = time;
        this.maxBatch = maxBatch;
        this.observers = observers;
        this.thread = Thread.ofPlatform().name("troupe-committer").daemon(true).unstarted(this::run);
        thread.start();
    }

    void submit(PendingWrite write) {
        quiescence.started();
        queue.add(write);
    }

    private void run() {
        List<PendingWrite> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<PendingWrite> batch) {
        List<Runnable> releases = new ArrayList<>(batch.size());
        int submitted = batch.size();
        try {
            commit(batch, releases);
        } finally {
            releaser.execute(() -> {
                releases.forEach(Runnable::run);
                quiescence.ended(submitted);
            });
        }
    }

    private void commit(List<PendingWrite> batch, List<Runnable> releases) {
        List<PendingWrite> sealed = new ArrayList<>(batch.size());
        List<ActorWrite> actorWrites = new ArrayList<>(batch.size());
        for (PendingWrite pending : batch) {
            Activation activation = pending.activation();
            if (activation.generationFailed(pending.generation())) {
                TroupeException error = activation.failure();
                releases.add(() -> pending.fail(error));
                continue;
            }
            try {
                actorWrites.add(pending.seal());
                sealed.add(pending);
            } catch (Exception e) {
                LOG.error("cannot serialise the state of {}; its uncommitted turns are discarded", activation.address(), e);
                TroupeException error = new TroupeException(ErrorCode.INTERNAL_ERROR,
                        "the state of " + activation.address() + " could not be serialised");
                activation.failGeneration(pending.generation(), error);
                releases.add(() -> pending.fail(error));
            }
        }
        if (sealed.isEmpty()) {
            return;
        }
        CommitResult result;
        long started = time.nanoTime();
        try {
            result = store.commit(actorWrites);
        } catch (RuntimeException e) {
            LOG.error("commit of {} writes failed; their turns are discarded and the actors reload", sealed.size(), e);
            TroupeException error = new TroupeException(ErrorCode.INTERNAL_ERROR, "the store could not commit the turn");
            for (PendingWrite pending : sealed) {
                pending.activation().failGeneration(pending.generation(), error);
                releases.add(() -> pending.fail(error));
            }
            return;
        }
        long took = time.nanoTime() - started;
        batches.increment();
        writes.add(sealed.size());
        largestBatch = Math.max(largestBatch, sealed.size());
        int batchTurns = 0;
        for (PendingWrite pending : sealed) {
            Activation activation = pending.activation();
            if (result.fenced().contains(pending.actorId())) {
                activation.fenced(pending.generation());
                TroupeException error = ActivationErrors.fenced(activation.address());
                releases.add(() -> pending.fail(error));
            } else {
                batchTurns += pending.turns();
                releases.add(pending::complete);
            }
        }
        turns.add(batchTurns);
        for (RuntimeObserver observer : observers) {
            observer.committed(sealed.size(), batchTurns, took);
        }
    }

    /** Commit batches so far. */
    long batches() {
        return batches.sum();
    }

    /** Actor writes committed so far (after coalescing). */
    long writes() {
        return writes.sum();
    }

    /** Turns made durable so far (before coalescing). */
    long turns() {
        return turns.sum();
    }

    /** The largest batch committed so far. */
    int largestBatch() {
        return largestBatch;
    }

    /** Commits everything already submitted, then stops. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            if (!thread.join(java.time.Duration.ofSeconds(30))) {
                LOG.warn("group committer did not finish within 30 s");
            }
            releaser.shutdown();
            if (!releaser.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("outputs of committed turns were not all released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
