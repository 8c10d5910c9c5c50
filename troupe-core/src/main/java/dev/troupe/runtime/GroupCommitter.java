package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.RuntimeObserver;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
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
 *
 * The one-way and queue messages of in-process code (InProcessSender) ride on the same loop: each
 * enqueue puts a marker in the queue, and a batch writes every message enqueued so far in one
 * Store.enqueue call beside its Store.commit (on a thread of its own, at the same time, so that a store
 * that combines concurrent writes, as SQLite's does, makes one transaction of both), so that
 * concurrent enqueuers share a transaction as concurrent turns share a commit; the next batch starts
 * once both are done, so batches of enqueues are durable in order, and each caller returns once its
 * message is durable.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final PendingWrite STOP = new PendingWrite(null, 0, "", 0);
    /** Stands in the queue for each message in {@link #enqueued}, so that an enqueue wakes the loop. */
    private static final PendingWrite ENQUEUE = new PendingWrite(null, 0, "", 0);

    /** A message of in-process code to write to the outbox, and its caller waiting for it to be durable. */
    private record Enqueued(OutboxMessage message, CompletableFuture<@Nullable Void> durable) {
    }

    private final ConcurrentLinkedQueue<Enqueued> enqueued = new ConcurrentLinkedQueue<>();
    private final Set<String> failedSenders = ConcurrentHashMap.newKeySet();
    private final MessageRelay relay;

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
                   Quiescence quiescence, MessageRelay relay) {
        this.store = store;
        this.relay = relay;
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

    /**
     * Writes {@code message} (of in-process code, not of a turn) to the outbox with the next batch, in
     * one store transaction with the other messages enqueued meanwhile, then hands it to the relay.
     * Messages are written in the order of these calls. If a batch fails, every later message of the
     * same sender fails too without being written, so that a sender's numbers never have a gap in the
     * store: its caller must continue under a new sender id.
     *
     * @return completes once the message is durable, or exceptionally if it was not written
     */
    CompletableFuture<@Nullable Void> enqueue(OutboxMessage message) {
        CompletableFuture<@Nullable Void> durable = new CompletableFuture<>();
        quiescence.started();
        enqueued.add(new Enqueued(message, durable));
        queue.add(ENQUEUE);
        return durable;
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
            Thread writing = batch.removeIf(write -> write == ENQUEUE)
                    ? Thread.ofVirtual().name("troupe-enqueue").start(this::writeEnqueued) : null;
            if (!batch.isEmpty()) {
                commit(batch);
            }
            if (writing != null) {
                try {
                    writing.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Writes every message enqueued so far in one transaction; their callers and the relay hear of it in order. */
    private void writeEnqueued() {
        List<Enqueued> taken = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        for (Enqueued next = enqueued.poll(); next != null; next = enqueued.poll()) {
            if (failedSenders.contains(next.message().senderId())) {
                next.durable().completeExceptionally(new IllegalStateException("an earlier message of "
                        + next.message().senderId() + " was not written"));
                quiescence.ended(1);
                continue;
            }
            taken.add(next);
            messages.add(next.message());
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            store.enqueue(messages);
        } catch (RuntimeException e) {
            LOG.error("writing {} enqueued messages failed; their callers hear of it", messages.size(), e);
            messages.forEach(message -> failedSenders.add(message.senderId()));
            taken.forEach(failed -> failed.durable().completeExceptionally(e));
            quiescence.ended(taken.size());
            return;
        }
        releaser.execute(() -> {
            relay.sent(messages);
            taken.forEach(written -> written.durable().complete(null));
            quiescence.ended(taken.size());
        });
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
            for (Enqueued late = enqueued.poll(); late != null; late = enqueued.poll()) {
                late.durable().completeExceptionally(new IllegalStateException("the runtime is shutting down"));
                quiescence.ended(1);
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
