package dev.troupe.runtime;

import dev.troupe.TroupeException;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.HistoryPrune;
import dev.troupe.store.MessageReceipt;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.StorageChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/*
 * The output gate and write coalescing, per activation.
 *
 * A turn that changed state or schedules stages its write here instead of writing to the store. The
 * activation keeps at most one *open* pending write: while the group committer has not yet taken it,
 * later turns of the same actor merge into it (the newest state wins, schedule changes append in
 * order, as do storage changes). So a hot actor pays one store write per commit batch, not one per turn. Once the committer
 * takes the write (seal), the next turn opens a new one.
 *
 * Coalescing merges the writes, not the turns: the write keeps each turn's TurnRecord, in order, and
 * builds the store write from them when sealed. For a type with history, each turn's entry (appended
 * to the activation's chain on the turn thread) is kept beside its record, so the store write carries
 * one entry per turn, in order, in the same transaction as the state; the newest state's JSON, already
 * encoded for its hash, is reused. The first record has a field of its own, so a write of one turn (the common case
 * with many actors) costs no list.
 *
 * Every turn's outputs (its caller's result, its broadcasts) are attached to the pending write that
 * covers the state they observed: its own write, or, for a turn that wrote nothing, the activation's
 * latest pending write. Outputs are released in attachment order when that write is durable, and
 * pending writes of one activation complete in order because the committer is a single FIFO. A turn
 * that depends on nothing unfinished releases at once. This is the output gate of Cloudflare Durable
 * Objects: execution runs ahead of durability, observation never does.
 */
final class PendingWrite {
    private final Activation activation;
    private final int generation;
    private final String actorId;
    private final long epoch;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private @Nullable TurnRecord first;
    private @Nullable List<TurnRecord> rest;
    private @Nullable List<HistoryEntry> entries;
    private @Nullable String newestJson;
    private @Nullable HistoryPrune prune;
    private List<TurnOutput> outputs = new ArrayList<>(2);
    private boolean sealed;
    private boolean finished;

    PendingWrite(@Nullable Activation activation, int generation, String actorId, long epoch) {
        this.activation = activation;
        this.generation = generation;
        this.actorId = actorId;
        this.epoch = epoch;
    }

    Activation activation() {
        return activation;
    }

    int generation() {
        return generation;
    }

    /** The actor this write is for, fixed when the write was opened. */
    String actorId() {
        return actorId;
    }

    /**
     * Adds a turn that wrote (its record, and the outputs gated behind it) unless the committer already
     * took this write.
     *
     * @return false if sealed; then the caller opens a new pending write
     */
    synchronized boolean merge(TurnRecord record, HistoryChain.@Nullable Link link) {
        if (sealed) {
            return false;
        }
        if (link != null) {
            keep(link);
        }
        if (first == null) {
            first = record;
        } else {
            if (rest == null) {
                rest = new ArrayList<>(4);
            }
            rest.add(record);
        }
        appendOutputs(record.outputs());
        return true;
    }

    /** Keeps a turn's history entry; the newest state JSON and prune step win. */
    private void keep(HistoryChain.Link link) {
        if (entries == null) {
            entries = new ArrayList<>(2);
        }
        entries.add(link.entry());
        if (link.stateJson() != null) {
            newestJson = link.stateJson();
        }
        if (link.prune() != null) {
            prune = link.prune();
        }
    }

    /**
     * Attaches outputs of a turn that wrote nothing but observed the state this write makes durable.
     *
     * @return false if this write already finished; then the outputs may go at once
     */
    synchronized boolean attach(List<TurnOutput> turnOutputs) {
        if (finished) {
            return false;
        }
        appendOutputs(turnOutputs);
        return true;
    }

    /** Appends one by one: the lists are short, and addAll would copy each into an array first. */
    private void appendOutputs(List<TurnOutput> turnOutputs) {
        for (int i = 0; i < turnOutputs.size(); i++) {
            outputs.add(turnOutputs.get(i));
        }
    }

    /**
     * Takes the write for a commit batch: no more merges. The newest state any of its turns left is
     * serialised, once; their schedule changes apply in turn order.
     */
    ActorWrite seal() throws com.fasterxml.jackson.core.JsonProcessingException {
        List<TurnRecord> records;
        List<HistoryEntry> history;
        synchronized (this) {
            sealed = true;
            records = records();
            history = entries == null ? List.of() : entries;
        }
        Object newest = null;
        List<ScheduleChange> changes = records.size() == 1 ? records.getFirst().scheduleChanges() : new ArrayList<>();
        List<OutboxMessage> sent = records.size() == 1 ? records.getFirst().sent() : new ArrayList<>();
        List<MessageReceipt> received = new ArrayList<>(0);
        List<StorageChange> storage = records.size() == 1 ? records.getFirst().storageChanges() : new ArrayList<>();
        for (TurnRecord record : records) {
            if (record.stateChanged()) {
                newest = record.stateAfter();
            }
            if (records.size() > 1) {
                changes.addAll(record.scheduleChanges());
                sent.addAll(record.sent());
                storage.addAll(record.storageChanges());
            }
            if (record.received() != null) {
                received.add(record.received());
            }
        }
        String json = newest == null ? null : newestJson != null ? newestJson : activation.type().encodeState(newest);
        return new ActorWrite(actorId, epoch, json, activation.type().stateVersion(), changes, history, prune, sent,
                received, storage);
    }

    /** The records of the turns this write carries, in the order they ran; empty once it finished. */
    synchronized List<TurnRecord> records() {
        if (first == null) {
            return List.of();
        }
        if (rest == null) {
            return List.of(first);
        }
        List<TurnRecord> all = new ArrayList<>(1 + rest.size());
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** How many turns this write carries. */
    synchronized int turns() {
        return first == null ? 0 : 1 + (rest == null ? 0 : rest.size());
    }

    /** The write is durable: release every attached output in order. */
    void complete() {
        for (List<TurnOutput> batch = take(); !batch.isEmpty(); batch = take()) {
            for (TurnOutput output : batch) {
                output.release();
            }
        }
        activation.finished(this);
        done.complete(null);
    }

    /** The write failed or was refused: fail every attached output. */
    void fail(TroupeException error) {
        for (List<TurnOutput> batch = take(); !batch.isEmpty(); batch = take()) {
            for (TurnOutput output : batch) {
                output.fail(error);
            }
        }
        activation.finished(this);
        done.complete(null);
    }

    /**
     * The outputs attached so far, for the finishing thread to release or fail; empty once there are
     * none left, and only then is the write finished. A turn that attaches while earlier outputs are
     * being released therefore joins the queue instead of releasing its own at once, which could
     * overtake them: an event broadcast by a later turn would reach a subscriber before an earlier
     * turn's.
     */
    private synchronized List<TurnOutput> take() {
        sealed = true;
        first = null;
        rest = null;
        List<TurnOutput> taken = outputs;
        if (taken.isEmpty()) {
            finished = true;
            outputs = List.of();
            return taken;
        }
        outputs = new ArrayList<>(2);
        return taken;
    }

    /** Completes when the write finished, either way. */
    CompletableFuture<Void> done() {
        return done;
    }
}
