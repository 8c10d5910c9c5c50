package dev.troupe.store;

import dev.troupe.Key;
import dev.troupe.testing.AbstractHistoryTamperTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Tampering on the memory store: its heap cannot be reached from outside, so the store is wrapped in
 * one whose history reads come from a tampered copy once a test has tampered with an actor.
 */
class MemoryHistoryTamperTest extends AbstractHistoryTamperTest {
    private final TamperedStore store = new TamperedStore(new MemoryStore());

    @Override
    protected Store openStore() {
        return store;
    }

    @Override
    protected void changeOneByte(String actor, long seq) {
        TreeMap<Long, HistoryEntry> chain = store.tamper(actor);
        HistoryEntry e = chain.get(seq);
        chain.put(seq, new HistoryEntry(e.seq(), e.at(), e.caller(), e.message().replace("note", "nots"), e.outcome(),
                e.effects(), e.stateHash(), e.prevHash(), e.hash(), e.checkpoint()));
    }

    @Override
    protected void swap(String actor, long a, long b) {
        TreeMap<Long, HistoryEntry> chain = store.tamper(actor);
        HistoryEntry first = chain.get(a);
        HistoryEntry second = chain.get(b);
        chain.put(a, at(second, a));
        chain.put(b, at(first, b));
    }

    @Override
    protected void delete(String actor, long seq) {
        store.tamper(actor).remove(seq);
    }

    @Override
    protected void insertCopy(String actor, long copied, long seq) {
        TreeMap<Long, HistoryEntry> chain = store.tamper(actor);
        chain.put(seq, at(chain.get(copied), seq));
    }

    private static HistoryEntry at(HistoryEntry e, long seq) {
        return new HistoryEntry(seq, e.at(), e.caller(), e.message(), e.outcome(), e.effects(), e.stateHash(),
                e.prevHash(), e.hash(), e.checkpoint());
    }

    /** A store whose history reads, for tampered actors, come from an edited copy. */
    private static final class TamperedStore implements Store {
        private final Store delegate;
        private final Map<String, TreeMap<Long, HistoryEntry>> tampered = new ConcurrentHashMap<>();

        TamperedStore(Store delegate) {
            this.delegate = delegate;
        }

        TreeMap<Long, HistoryEntry> tamper(String actorId) {
            return tampered.computeIfAbsent(actorId, id -> {
                TreeMap<Long, HistoryEntry> copy = new TreeMap<>();
                delegate.history(id, 0, Integer.MAX_VALUE).forEach(entry -> copy.put(entry.seq(), entry));
                return copy;
            });
        }

        @Override
        public List<HistoryEntry> history(String actorId, long fromSeq, int limit) {
            TreeMap<Long, HistoryEntry> chain = tampered.get(actorId);
            return chain == null ? delegate.history(actorId, fromSeq, limit)
                    : chain.tailMap(fromSeq, true).values().stream().limit(limit).toList();
        }

        @Override
        public Optional<HistoryEntry> lastHistoryEntry(String actorId) {
            TreeMap<Long, HistoryEntry> chain = tampered.get(actorId);
            return chain == null ? delegate.lastHistoryEntry(actorId) : Optional.ofNullable(chain.lastEntry()).map(Map.Entry::getValue);
        }

        @Override
        public Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq) {
            return delegate.checkpointAtOrBefore(actorId, seq);
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
        public CommitResult commit(List<ActorWrite> writes) {
            return delegate.commit(writes);
        }

        @Override
        public java.util.NavigableMap<String, byte[]> storage(String actorId) {
            return delegate.storage(actorId);
        }

        @Override
        public boolean destroy(String actorId, long epoch) {
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
            delegate.enqueue(messages);
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
            delegate.close();
        }
    }
}
