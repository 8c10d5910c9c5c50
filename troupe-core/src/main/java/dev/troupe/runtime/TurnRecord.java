package dev.troupe.runtime;

import dev.troupe.Caller;
import dev.troupe.TroupeException;
import dev.troupe.store.MessageReceipt;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.StorageChange;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one turn did, as {@link TurnRunner} ends it: every turn of every kind produces exactly one. The
 * pending write of an actor keeps the records of the turns it carries, one per turn even when their
 * writes coalesce, so that a turn history can append one entry per turn in the commit that makes
 * them durable.
 *
 * <p>Cheap by design: it holds references only (the states are the actor's immutable values, the
 * lists are the turn's own), and costs one object per turn.
 *
 * @param kind            what made the turn run
 * @param operation       the action name, or a hook such as {@code #onWake}
 * @param message         the message the turn handled; null for a lifecycle hook the runtime ran
 * @param caller          who sent it
 * @param result          what the actor returned, if it did
 * @param error           what the turn failed with, or null if it completed
 * @param stateBefore     the state the turn started from ({@link Turn#NO_STATE} when creating)
 * @param stateAfter      the state it left; the same reference if it changed nothing (or failed)
 * @param scheduleChanges the schedule changes it wrote, in order
 * @param events          the events it broadcast or sent to one connection
 * @param outputs         what waits behind the turn's write: replies, events, views, bookkeeping
 *                        (with relaxed durability, replies, events and views went out at once)
 * @param effects         effects recorded for replay (outbound calls, reads of time or randomness);
 *                        empty unless the type keeps history
 * @param sent            the one-way messages it sent, numbered, for the outbox
 * @param received        the receipt of the message it processed, if it handled one
 */
record TurnRecord(TurnKind kind, String operation, @Nullable Message message, Caller caller,
                  @Nullable Object result, @Nullable TroupeException error,
                  Object stateBefore, Object stateAfter, List<ScheduleChange> scheduleChanges,
                  List<Turn.Event> events, List<TurnOutput> outputs, List<RecordedEffect> effects,
                  List<OutboxMessage> sent, @Nullable MessageReceipt received, List<StorageChange> storageChanges) {

    /** Whether the turn replaced the state. */
    boolean stateChanged() {
        return stateAfter != stateBefore;
    }

    /** Whether the turn has something to write: a new state, schedule changes, messages or a receipt. */
    boolean wrote() {
        return stateChanged() || !scheduleChanges.isEmpty() || !sent.isEmpty() || received != null
                || !storageChanges.isEmpty();
    }
}
