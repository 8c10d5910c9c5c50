package dev.troupe.store;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one or more consecutive turns of one activation changed, to be committed atomically.
 *
 * @param actorId         the actor
 * @param epoch           the epoch of the activation that produced the write; the store refuses the
 *                        write if the actor's current epoch differs (fencing)
 * @param state           the new state as JSON text, or null if the state did not change
 * @param stateVersion    the schema version of {@code state}
 * @param scheduleChanges schedule changes, applied in order after the state
 */
public record ActorWrite(String actorId, long epoch, @Nullable String state, int stateVersion,
                         List<ScheduleChange> scheduleChanges) {

    /** Checks that no required field is missing and freezes the list. */
    public ActorWrite {
        Objects.requireNonNull(actorId, "actorId");
        scheduleChanges = List.copyOf(scheduleChanges);
    }
}
