package dev.troupe.statechart;

import java.util.List;

/**
 * What one macrostep produced: the snapshot at rest and the actions executed on the way, in order.
 *
 * @param snapshot the next snapshot (the input snapshot itself if the event changed nothing); the input
 *     snapshot is never changed
 * @param actions the executed actions, in XState's order (see {@link Action})
 */
public record Transition(Snapshot snapshot, List<Action> actions) {
    /** Copies the list: a transition is immutable. */
    public Transition {
        actions = List.copyOf(actions);
    }
}
