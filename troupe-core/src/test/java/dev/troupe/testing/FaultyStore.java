package dev.troupe.testing;

import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.CommitResult;
import dev.troupe.store.DeadLetter;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.store.Store;
import dev.troupe.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A store (a {@link MemoryStore} unless another is given) whose commits can be held at a gate or made
 * (and destroys) to fail on purpose, to observe the output gate, fencing and failed commits from the outside.
 */
public final class FaultyStore implements Store {
    private final Store delegate;
    private final AtomicInteger failNextCommits = new AtomicInteger();
    private final AtomicInteger failNextEnqueues = new AtomicInteger();
    private final AtomicInteger enqueueWrites = new AtomicInteger();
    private final AtomicInteger enqueuedMessages = new AtomicInteger();
    private volatile @Nullable Semaphore gate;
    private volatile boolean failDestroys;
    private volatile CountDownLatch commitEntered = new CountDownLatch(1);

    /** Over a fresh {@link MemoryStore}. */
    public FaultyStore() {
        this(new MemoryStore());
    }

    /** Over {@code delegate}, which it closes when closed. */
    public FaultyStore(Store delegate) {
        this.delegate = delegate;
    }

    /** Holds every commit until {@link #open()}; returns a latch that opens when a commit is waiting. */
    public CountDownLatch hold() {
        commitEntered = new CountDownLatch(1);
        gate = new Semaphore(0);
        return commitEntered;
    }

    /** Lets held and future commits through. */
    public void open() {
        Semaphore current = gate;
        gate = null;
        if (current != null) {
            current.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Makes the next {@code count} commits throw {@link StoreException} without applying anything. */
    public void failNextCommits(int count) {
        failNextCommits.set(count);
    }

    /** Makes the next {@code count} outbox writes ({@link #enqueue}) throw {@link StoreException} without applying anything. */
    public void failNextEnqueues(int count) {
        failNextEnqueues.set(count);
    }

    /** How many outbox writes ({@link #enqueue} calls) succeeded. */
    public int enqueueWrites() {
        return enqueueWrites.get();
    }

    /** How many messages the successful outbox writes carried. */
    public int enqueuedMessages() {
        return enqueuedMessages.get();
    }

    /** While {@code fail}, every destroy throws {@link StoreException} without applying anything. */
    public void failDestroys(boolean fail) {
        failDestroys = fail;
    }

    @Override
    public CommitResult commit(List<ActorWrite> writes) {
        Semaphore current = gate;
        if (current != null) {
            commitEntered.countDown();
            current.acquireUninterruptibly();
        }
        if (failNextCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("injected commit failure");
        }
        return delegate.commit(writes);
    }

    @Override
    public Optional<ActorRecord> find(String type, Key key) {
        return delegate.find(type, key);
    }

    @Override
    public Optional<ActorRecord> findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<ActorRecord> activate(String type, Key key) {
        return delegate.activate(type, key);
    }

    @Override
    public boolean create(ActorRecord record, List<ScheduleRecord> schedules, List<HistoryEntry> history) {
        return delegate.create(record, schedules, history);
    }

    @Override
    public List<HistoryEntry> history(String actorId, long fromSeq, int limit) {
        return delegate.history(actorId, fromSeq, limit);
    }

    @Override
    public Optional<HistoryEntry> lastHistoryEntry(String actorId) {
        return delegate.lastHistoryEntry(actorId);
    }

    @Override
    public Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq) {
        return delegate.checkpointAtOrBefore(actorId, seq);
    }

    @Override
    public java.util.NavigableMap<String, byte[]> storage(String actorId) {
        return delegate.storage(actorId);
    }

    @Override
    public boolean destroy(String actorId, long epoch) {
        if (failDestroys) {
            throw new StoreException("injected destroy failure");
        }
        return delegate.destroy(actorId, epoch);
    }

    @Override
    public List<DueSchedule> dueSchedules(Instant until, int limit) {
        return delegate.dueSchedules(until, limit);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return delegate.nextDueAt();
    }

    @Override
    public List<ActorRecord> scan(String type, Key keyPrefix, @Nullable String afterId, int limit) {
        return delegate.scan(type, keyPrefix, afterId, limit);
    }

    @Override
    public List<ActorRecord> children(String parentId, int limit) {
        return delegate.children(parentId, limit);
    }

    @Override
    public void enqueue(List<OutboxMessage> messages) {
        if (failNextEnqueues.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("injected enqueue failure");
        }
        delegate.enqueue(messages);
        enqueueWrites.incrementAndGet();
        enqueuedMessages.addAndGet(messages.size());
    }

    @Override
    public List<OutboxMessage> pendingMessages(Instant sentBefore, int limit) {
        return delegate.pendingMessages(sentBefore, limit);
    }

    @Override
    public long lastSentSeq(String senderId, String receiverType, Key receiverKey) {
        return delegate.lastSentSeq(senderId, receiverType, receiverKey);
    }

    @Override
    public long lastReceivedSeq(String senderId, String receiverType, Key receiverKey) {
        return delegate.lastReceivedSeq(senderId, receiverType, receiverKey);
    }

    @Override
    public boolean deadLetter(OutboxMessage message, String error, Instant at) {
        return delegate.deadLetter(message, error, at);
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return delegate.deadLetters(limit);
    }

    @Override
    public void close() {
        open();
        delegate.close();
    }
}
