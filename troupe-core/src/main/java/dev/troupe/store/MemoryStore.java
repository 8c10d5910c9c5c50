package dev.troupe.store;

import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import dev.troupe.Key;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Store} and {@link ContentStore} in the heap: nothing survives the process. For tests,
 * examples and benchmarks of the runtime itself; it is the reference implementation the conformance
 * suites are written against. Content is held whole, as arrays.
 *
 * <p>Thread-safe; every operation holds one lock, which makes each trivially atomic.
 */
public final class MemoryStore implements Store, ContentStore {
    private static final Comparator<ScheduleRecord> DUE_ORDER =
            Comparator.comparing(ScheduleRecord::dueAt).thenComparing(ScheduleRecord::id);

    private final Object lock = new Object();
    private final Map<String, ActorRecord> byId = new HashMap<>();
    private final Map<Address, String> idByAddress = new HashMap<>();
    private final TreeMap<String, TreeSet<String>> idsByType = new TreeMap<>();
    private final Map<String, TreeSet<String>> childIdsByParent = new HashMap<>();
    private final Map<String, ScheduleRecord> schedulesById = new HashMap<>();
    private final TreeSet<ScheduleRecord> schedulesByDue = new TreeSet<>(DUE_ORDER);
    private final Map<String, TreeMap<Long, HistoryEntry>> historyById = new HashMap<>();
    private final Map<String, TreeMap<String, byte[]>> storageById = new HashMap<>();
    private final Map<ContentHash, StoredBlob> contents = new HashMap<>();
    private final Map<String, ContentHash> labels = new HashMap<>();
    private final MemoryOutbox outbox = new MemoryOutbox();

    /** An empty store. */
    public MemoryStore() {
    }

    private record Address(String type, Key key) {
    }

    private record StoredBlob(byte[] bytes, Instant storedAt) {
    }

    @Override
    public Optional<ActorRecord> find(String type, Key key) {
        synchronized (lock) {
            String id = idByAddress.get(new Address(type, key));
            return Optional.ofNullable(id == null ? null : byId.get(id));
        }
    }

    @Override
    public Optional<ActorRecord> findById(String id) {
        synchronized (lock) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    @Override
    public Optional<ActorRecord> activate(String type, Key key) {
        synchronized (lock) {
            String id = idByAddress.get(new Address(type, key));
            if (id == null) {
                return Optional.empty();
            }
            ActorRecord next = byId.get(id).withEpoch(byId.get(id).epoch() + 1);
            byId.put(id, next);
            return Optional.of(next);
        }
    }

    @Override
    public boolean create(ActorRecord record, List<ScheduleRecord> schedules, List<HistoryEntry> history) {
        schedules.forEach(schedule -> requireOwnedBy(record.id(), schedule));
        synchronized (lock) {
            Address address = new Address(record.type(), record.key());
            if (idByAddress.containsKey(address) || byId.containsKey(record.id())) {
                return false;
            }
            requireNewSeqs(record.id(), history, new HashSet<>());
            byId.put(record.id(), record);
            idByAddress.put(address, record.id());
            idsByType.computeIfAbsent(record.type(), t -> new TreeSet<>()).add(record.id());
            if (record.parentId() != null) {
                childIdsByParent.computeIfAbsent(record.parentId(), p -> new TreeSet<>()).add(record.id());
            }
            schedules.forEach(this::putSchedule);
            append(record.id(), history);
            return true;
        }
    }

    @Override
    public CommitResult commit(List<ActorWrite> writes) {
        for (ActorWrite write : writes) {
            for (ScheduleChange change : write.scheduleChanges()) {
                if (change instanceof ScheduleChange.Put put) {
                    requireOwnedBy(write.actorId(), put.schedule());
                }
            }
            MemoryOutbox.requireSentBy(write.actorId(), write.sent());
        }
        synchronized (lock) {
            requireNewSeqs(writes);
            Set<String> fenced = new HashSet<>();
            for (ActorWrite write : writes) {
                ActorRecord current = byId.get(write.actorId());
                if (current == null || current.epoch() != write.epoch()) {
                    fenced.add(write.actorId());
                    continue;
                }
                if (write.state() != null) {
                    byId.put(current.id(), current.withState(write.state(), write.stateVersion()));
                }
                for (ScheduleChange change : write.scheduleChanges()) {
                    switch (change) {
                        case ScheduleChange.Put put -> putSchedule(put.schedule());
                        case ScheduleChange.Remove remove -> removeSchedule(remove.scheduleId());
                        case ScheduleChange.Move move -> moveSchedule(current.id(), move);
                    }
                }
                append(current.id(), write.history());
                if (write.prune() != null) {
                    prune(current.id(), write.prune());
                }
                applyStorage(current.id(), write.storage());
                write.sent().forEach(outbox::add);
                for (MessageReceipt receipt : write.received()) {
                    outbox.received(current.type(), current.key(), receipt, Instant.now());
                }
            }
            return fenced.isEmpty() ? CommitResult.ok() : new CommitResult(fenced);
        }
    }

    @Override
    public boolean destroy(String actorId, long epoch) {
        synchronized (lock) {
            ActorRecord current = byId.get(actorId);
            if (current == null || current.epoch() != epoch) {
                return false;
            }
            byId.remove(actorId);
            idByAddress.remove(new Address(current.type(), current.key()));
            idsByType.get(current.type()).remove(actorId);
            TreeSet<String> siblings = current.parentId() == null ? null : childIdsByParent.get(current.parentId());
            if (siblings != null && siblings.remove(actorId) && siblings.isEmpty()) {
                childIdsByParent.remove(current.parentId());
            }
            List<String> owned = schedulesById.values().stream()
                    .filter(s -> s.actorId().equals(actorId)).map(ScheduleRecord::id).toList();
            owned.forEach(this::removeSchedule);
            historyById.remove(actorId);
            storageById.remove(actorId);
            return true;
        }
    }

    @Override
    public NavigableMap<String, byte[]> storage(String actorId) {
        synchronized (lock) {
            TreeMap<String, byte[]> stored = storageById.get(actorId);
            TreeMap<String, byte[]> copy = new TreeMap<>();
            if (stored != null) {
                stored.forEach((key, value) -> copy.put(key, value.clone()));
            }
            return copy;
        }
    }

    private void applyStorage(String actorId, List<StorageChange> changes) {
        for (StorageChange change : changes) {
            if (change.deletes()) {
                TreeMap<String, byte[]> stored = storageById.get(actorId);
                if (stored != null) {
                    stored.remove(change.key());
                }
            } else {
                storageById.computeIfAbsent(actorId, id -> new TreeMap<>()).put(change.key(), change.value().clone());
            }
        }
    }

    @Override
    public List<DueSchedule> dueSchedules(Instant until, int limit) {
        synchronized (lock) {
            List<DueSchedule> due = new ArrayList<>();
            for (ScheduleRecord schedule : schedulesByDue) {
                if (schedule.dueAt().isAfter(until) || due.size() >= limit) {
                    break;
                }
                ActorRecord actor = byId.get(schedule.actorId());
                due.add(new DueSchedule(schedule, actor.type(), actor.key()));
            }
            return due;
        }
    }

    @Override
    public Optional<Instant> nextDueAt() {
        synchronized (lock) {
            return schedulesByDue.isEmpty() ? Optional.empty() : Optional.of(schedulesByDue.first().dueAt());
        }
    }

    @Override
    public List<ActorRecord> scan(String type, Key keyPrefix, @Nullable String afterId, int limit) {
        synchronized (lock) {
            TreeSet<String> ids = idsByType.get(type);
            if (ids == null || limit <= 0) {
                return List.of();
            }
            return (afterId == null ? ids : ids.tailSet(afterId, false)).stream().map(byId::get)
                    .filter(actor -> actor.key().startsWith(keyPrefix)).limit(limit).toList();
        }
    }

    @Override
    public List<ActorRecord> children(String parentId, int limit) {
        synchronized (lock) {
            TreeSet<String> ids = childIdsByParent.get(parentId);
            return ids == null ? List.of() : ids.stream().limit(Math.max(0, limit)).map(byId::get).toList();
        }
    }

    @Override
    public List<HistoryEntry> history(String actorId, long fromSeq, int limit) {
        synchronized (lock) {
            TreeMap<Long, HistoryEntry> entries = historyById.get(actorId);
            if (entries == null || limit <= 0) {
                return List.of();
            }
            List<HistoryEntry> page = new ArrayList<>(Math.min(limit, entries.size()));
            for (Iterator<HistoryEntry> from = entries.tailMap(fromSeq, true).values().iterator();
                 from.hasNext() && page.size() < limit; ) {
                page.add(from.next());
            }
            return List.copyOf(page);
        }
    }

    @Override
    public Optional<HistoryEntry> lastHistoryEntry(String actorId) {
        synchronized (lock) {
            TreeMap<Long, HistoryEntry> entries = historyById.get(actorId);
            return entries == null || entries.isEmpty() ? Optional.empty() : Optional.of(entries.lastEntry().getValue());
        }
    }

    @Override
    public Optional<HistoryEntry> checkpointAtOrBefore(String actorId, long seq) {
        synchronized (lock) {
            TreeMap<Long, HistoryEntry> entries = historyById.get(actorId);
            if (entries == null) {
                return Optional.empty();
            }
            return entries.headMap(seq, true).descendingMap().values().stream()
                    .filter(entry -> entry.checkpoint() != null).findFirst();
        }
    }

    @Override
    public boolean putContent(ContentHash hash, long size, Instant storedAt, ContentSource source) {
        byte[] bytes;
        try (InputStream in = source.open()) {
            bytes = in.readNBytes(Math.toIntExact(size));
        } catch (IOException e) {
            throw new StoreException("reading content " + hash + " to store it failed", e);
        }
        synchronized (lock) {
            StoredBlob old = contents.get(hash);
            if (old != null) {
                contents.put(hash, new StoredBlob(old.bytes(), later(old.storedAt(), storedAt)));
                return false;
            }
            contents.put(hash, new StoredBlob(bytes, storedAt));
            return true;
        }
    }

    @Override
    public void enqueue(List<OutboxMessage> messages) {
        synchronized (lock) {
            for (OutboxMessage message : messages) {
                if (byId.containsKey(message.senderId())) {
                    throw new IllegalArgumentException("message " + message.id() + " names the stored actor "
                            + message.senderId() + " as its sender; an actor sends in its commit");
                }
            }
            messages.forEach(outbox::add);
        }
    }

    @Override
    public Optional<ContentInfo> contentInfo(ContentHash hash) {
        synchronized (lock) {
            StoredBlob blob = contents.get(hash);
            return blob == null ? Optional.empty() : Optional.of(new ContentInfo(hash, blob.bytes().length, blob.storedAt()));
        }
    }

    @Override
    public List<OutboxMessage> pendingMessages(Instant sentBefore, int limit) {
        synchronized (lock) {
            return outbox.pending(sentBefore, limit);
        }
    }

    @Override
    public Optional<InputStream> openContent(ContentHash hash) {
        synchronized (lock) {
            StoredBlob blob = contents.get(hash);
            return blob == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(blob.bytes()));
        }
    }

    @Override
    public long lastSentSeq(String senderId, String receiverType, Key receiverKey) {
        synchronized (lock) {
            return outbox.lastSent(senderId, receiverType, receiverKey);
        }
    }

    @Override
    public Optional<ContentHash> label(String name) {
        synchronized (lock) {
            return Optional.ofNullable(labels.get(name));
        }
    }

    @Override
    public long lastReceivedSeq(String senderId, String receiverType, Key receiverKey) {
        synchronized (lock) {
            return outbox.lastReceived(senderId, receiverType, receiverKey);
        }
    }

    @Override
    public boolean putLabel(String name, ContentHash hash) {
        synchronized (lock) {
            if (!contents.containsKey(hash)) {
                return false;
            }
            labels.put(name, hash);
            return true;
        }
    }

    @Override
    public boolean deadLetter(OutboxMessage message, String error, Instant at) {
        synchronized (lock) {
            return outbox.deadLetter(message, error, at);
        }
    }

    @Override
    public boolean deleteLabel(String name) {
        synchronized (lock) {
            return labels.remove(name) != null;
        }
    }

    @Override
    public int collectContent(Instant storedBefore) {
        synchronized (lock) {
            Set<ContentHash> roots = new HashSet<>(labels.values());
            List<ContentHash> garbage = contents.entrySet().stream()
                    .filter(e -> !roots.contains(e.getKey()) && e.getValue().storedAt().isBefore(storedBefore))
                    .map(Map.Entry::getKey).toList();
            garbage.forEach(contents::remove);
            return garbage.size();
        }
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        synchronized (lock) {
            return outbox.deadLetters(limit);
        }
    }

    @Override
    public void close() {
        // Nothing to release: the heap is reclaimed with the store.
    }

    /** A schedule belongs to the actor whose create or write carries it; anything else is a caller's bug. */
    private static void requireOwnedBy(String actorId, ScheduleRecord schedule) {
        if (!schedule.actorId().equals(actorId)) {
            throw new IllegalArgumentException("schedule " + schedule.id() + " is for actor " + schedule.actorId()
                    + " but was written by actor " + actorId);
        }
    }

    /** Checks, before anything changes, that no write appends a position its actor already has. */
    private void requireNewSeqs(List<ActorWrite> writes) {
        Map<String, Set<Long>> added = new HashMap<>(0);
        for (ActorWrite write : writes) {
            if (!write.history().isEmpty()) {
                requireNewSeqs(write.actorId(), write.history(), added.computeIfAbsent(write.actorId(), id -> new HashSet<>()));
            }
        }
    }

    private void requireNewSeqs(String actorId, List<HistoryEntry> entries, Set<Long> added) {
        TreeMap<Long, HistoryEntry> chain = historyById.getOrDefault(actorId, new TreeMap<>());
        for (HistoryEntry entry : entries) {
            if (chain.containsKey(entry.seq()) || !added.add(entry.seq())) {
                throw new StoreException("history entry " + entry.seq() + " of actor " + actorId + " exists");
            }
        }
    }

    private void append(String actorId, List<HistoryEntry> entries) {
        if (!entries.isEmpty()) {
            TreeMap<Long, HistoryEntry> chain = historyById.computeIfAbsent(actorId, id -> new TreeMap<>());
            entries.forEach(entry -> chain.put(entry.seq(), entry));
        }
    }

    private void prune(String actorId, HistoryPrune prune) {
        TreeMap<Long, HistoryEntry> chain = historyById.get(actorId);
        if (chain == null) {
            return;
        }
        chain.headMap(prune.seqAtMost(), true).descendingMap().values().stream()
                .filter(entry -> entry.checkpoint() != null && !entry.at().isAfter(prune.atOrBefore()))
                .findFirst()
                .ifPresent(kept -> chain.headMap(kept.seq(), false).clear());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void putSchedule(ScheduleRecord schedule) {
        removeSchedule(schedule.id());
        schedulesById.put(schedule.id(), schedule);
        schedulesByDue.add(schedule);
    }

    private void moveSchedule(String actorId, ScheduleChange.Move move) {
        ScheduleRecord old = schedulesById.get(move.scheduleId());
        if (old != null && old.actorId().equals(actorId)) {
            putSchedule(new ScheduleRecord(old.id(), actorId, move.dueAt(), old.action(), old.args()));
        }
    }

    private void removeSchedule(String scheduleId) {
        ScheduleRecord old = schedulesById.remove(scheduleId);
        if (old != null) {
            schedulesByDue.remove(old);
        }
    }
}
