package dev.troupe.runtime;

import dev.troupe.TroupeException;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.ScheduleChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/*
 * The output gate and write coalescing, per activation.
 *
 * A turn that changed state or schedules stages its write here instead of writing to the store. The
 * activation keeps at most one *open* pending write: while the group committer has not yet taken it,
 * later turns of the same actor merge into it (the newest state wins, schedule changes append in
 * order). So a hot actor pays one store write per commit batch, not one per turn. Once the committer
 * takes the write (seal), the next turn opens a new one.
 *
 * Every turn's outputs (its caller's result, its broadcasts) are attached to the pending write that
 * covers the state they observed: its own write, or, for a turn that wrote nothing, the activation's
 * latest pending write. Outputs are released in attachment order when that write is durable, and
 * pending writes of one activation complete in order because the committer is a single FIFO. A turn
 * that depends on nothing unfinished releases at once. This is the output gate of Cloudflare Durable
 * Objects: execution runs ahead of durability, observation never does.
 */
final class PendingWrite {
    private static final Object UNCHANGED = new Object();

    private final Activation activation;
    private final int generation;
    private final String actorId;
    private final long epoch;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Object state = UNCHANGED;
    private List<ScheduleChange> scheduleChanges = new ArrayList<>(0);
    private List<TurnOutput> outputs = new ArrayList<>(2);
    private int turns;
    private boolean sealed;
    private boolean finished;

    PendingWrite(Activation activation, int generation, String actorId, long epoch) {
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
     * Adds a turn's write and outputs unless the committer already took this write.
     *
     * @return false if sealed; then the caller opens a new pending write
     */
    synchronized boolean merge(Object newState, boolean stateChanged, List<ScheduleChange> changes,
                               List<TurnOutput> turnOutputs) {
        if (sealed) {
            return false;
        }
        if (stateChanged) {
            state = newState;
        }
        if (!changes.isEmpty()) {
            scheduleChanges.addAll(changes);
        }
        appendOutputs(turnOutputs);
        turns++;
        return true;
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

    /** Takes the write for a commit batch: no more merges. Serialises the state once. */
    ActorWrite seal() throws com.fasterxml.jackson.core.JsonProcessingException {
        Object finalState;
        List<ScheduleChange> changes;
        synchronized (this) {
            sealed = true;
            finalState = state;
            changes = scheduleChanges;
            scheduleChanges = List.of();
        }
        String json = finalState == UNCHANGED ? null : activation.type().encodeState(finalState);
        return new ActorWrite(actorId, epoch, json, activation.type().stateVersion(), changes);
    }

    /** How many turns this write carries. */
    synchronized int turns() {
        return turns;
    }

    /** The write is durable: release every attached output in order. */
    void complete() {
        for (TurnOutput output : finish()) {
            output.release();
        }
        activation.finished(this);
        done.complete(null);
    }

    /** The write failed or was refused: fail every attached output. */
    void fail(TroupeException error) {
        for (TurnOutput output : finish()) {
            output.fail(error);
        }
        activation.finished(this);
        done.complete(null);
    }

    private synchronized List<TurnOutput> finish() {
        finished = true;
        sealed = true;
        state = UNCHANGED;
        List<TurnOutput> released = outputs;
        outputs = List.of();
        return released;
    }

    /** Completes when the write finished, either way. */
    CompletableFuture<Void> done() {
        return done;
    }
}
