package dev.troupe.store;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one or more consecutive turns of one activation changed, to be committed atomically: state,
 * schedules, the messages the turns sent and processed, changes to the actor's key–value storage and,
 * for a type with history, one history entry per turn.
 *
 * @param actorId         the actor
 * @param epoch           the epoch of the activation that produced the write; the store refuses the
 *                        write if the actor's current epoch differs (fencing)
 * @param state           the new state as JSON text, or null if the state did not change
 * @param stateVersion    the schema version of {@code state}
 * @param scheduleChanges schedule changes, applied in order after the state
 * @param history         history entries to append, in order, in the same transaction (empty if the
 *                        type keeps no history); fenced with the rest of the write
 * @param prune           a retention step applied after appending, or null
 * @param sent            one-way messages the turns sent, added to the outbox in order
 * @param received        receipts of the messages the turns processed, in order
 * @param storage         changes to the actor's key–value storage, applied in order (a later change
 *                        of a key wins)
 */
public record ActorWrite(String actorId, long epoch, @Nullable String state, int stateVersion,
                         List<ScheduleChange> scheduleChanges, List<HistoryEntry> history,
                         @Nullable HistoryPrune prune, List<OutboxMessage> sent, List<MessageReceipt> received,
                         List<StorageChange> storage) {

    /** Checks that no required field is missing and freezes the lists. */
    public ActorWrite {
        Objects.requireNonNull(actorId, "actorId");
        scheduleChanges = List.copyOf(scheduleChanges);
        history = List.copyOf(history);
        sent = List.copyOf(sent);
        received = List.copyOf(received);
        storage = List.copyOf(storage);
    }

    /** A write without storage changes. */
    public ActorWrite(String actorId, long epoch, @Nullable String state, int stateVersion,
                      List<ScheduleChange> scheduleChanges, List<HistoryEntry> history,
                      @Nullable HistoryPrune prune, List<OutboxMessage> sent, List<MessageReceipt> received) {
        this(actorId, epoch, state, stateVersion, scheduleChanges, history, prune, sent, received, List.of());
    }

    /** A write without messages. */
    public ActorWrite(String actorId, long epoch, @Nullable String state, int stateVersion,
                      List<ScheduleChange> scheduleChanges, List<HistoryEntry> history,
                      @Nullable HistoryPrune prune) {
        this(actorId, epoch, state, stateVersion, scheduleChanges, history, prune, List.of(), List.of());
    }

    /** A write without history. */
    public ActorWrite(String actorId, long epoch, @Nullable String state, int stateVersion,
                      List<ScheduleChange> scheduleChanges) {
        this(actorId, epoch, state, stateVersion, scheduleChanges, List.of(), null, List.of(), List.of());
    }
}
