package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The engine's pure functions: start a machine, send it an event, compare state values. No runtime, no
 * clock and no threads: each call computes a new snapshot from its arguments (for tests, simulations and
 * the machine actors that persist snapshots).
 *
 * <p>Thread-safe: a {@link Machine} and a {@link Snapshot} are immutable and may be shared. A call runs
 * the machine's guards and actions on the calling thread.
 */
public final class Statecharts {
    private Statecharts() {}

    /**
     * Enters the machine's initial states (event {@code xstate.init} carrying {@code input}) and runs the
     * macrostep to rest: eventless transitions and raised events included.
     *
     * @param input the machine's input, given to its context factory; may be {@code null}
     * @throws dev.troupe.TroupeException {@code machine/loop_detected} if the machine never comes to rest
     */
    public static Transition initialTransition(Machine machine, JsonNode input) {
        return Macrostep.initial(machine, input);
    }

    /**
     * Processes one event as XState v5 does: selects the enabled transitions by document order and
     * descriptor specificity, runs the microstep, then eventless transitions and the internal queue
     * until the machine is at rest. A snapshot that is done ignores events. When the event changes
     * nothing (the same states, history, status, output and an equal context), the transition's snapshot
     * is the given one itself, so identity tells a host whether there is anything to store.
     *
     * @param event an object with a string {@code type}
     * @throws IllegalArgumentException if the event has no string {@code type}, or the snapshot belongs
     *     to another machine
     * @throws dev.troupe.TroupeException {@code machine/loop_detected} if the machine never comes to
     *     rest; nothing changes (the snapshot given stays valid)
     */
    public static Transition transition(Machine machine, Snapshot snapshot, ObjectNode event) {
        return Macrostep.transition(machine, snapshot, event);
    }

    /**
     * XState's {@code matchesState}: whether {@code childValue} is {@code parentValue} or inside it. A
     * value is a string ({@code "a"}, or a dotted path {@code "a.b"}) or nested objects.
     */
    public static boolean matchesState(JsonNode parentValue, JsonNode childValue) {
        return StateValues.matches(parentValue, childValue);
    }
}
