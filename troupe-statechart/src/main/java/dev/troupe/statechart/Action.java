package dev.troupe.statechart;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One action a macrostep executed, in the order XState executes it: exit actions, then transition
 * actions, then entry actions, microstep after microstep.
 *
 * <p>The engine performs nothing outside the snapshot. Actions that change the snapshot ({@link Assign},
 * {@link Raise}) are already applied when they appear here; the others are data for the host to perform
 * once the transition is accepted: {@link Schedule} and {@link Cancel} (delayed {@code after}
 * transitions, to be kept durably), {@link SendTo}, {@link SendParent}, {@link Emit} and {@link Effect}.
 * Event objects handed out are never modified by the engine afterwards.
 */
public sealed interface Action {
    /** The name of the entry actions that schedule an {@code after} delay (XState's raise with a delay). */
    String AFTER_SCHEDULE = "xstate.raise";
    /** The name of the actions that cancel a delayed transition when its state is left. */
    String AFTER_CANCEL = "xstate.cancel";

    /** The action's name as the definition refers to it ({@link #AFTER_SCHEDULE}/{@link #AFTER_CANCEL} for delays). */
    String name();

    /** A named assign ran; its new context is already in the snapshot. */
    record Assign(String name) implements Action {}

    /** A named raise put {@code event} on the internal queue; the macrostep has processed it. */
    record Raise(String name, ObjectNode event) implements Action {}

    /**
     * Deliver {@code event} to this machine after {@code delayMillis}, under {@code id}; a later
     * schedule under the same id replaces the earlier one. Delayed {@code after} transitions use the id
     * and event type {@code xstate.after.<delay>.<stateId>}, as XState does.
     */
    record Schedule(String name, String id, ObjectNode event, long delayMillis) implements Action {}

    /** Drop the delivery scheduled under {@code id}, if it has not happened yet. */
    record Cancel(String name, String id) implements Action {}

    /** Send {@code event} to the actor {@code to}. */
    record SendTo(String name, String to, ObjectNode event) implements Action {}

    /** Send {@code event} to the actor that owns this one. */
    record SendParent(String name, ObjectNode event) implements Action {}

    /** Emit {@code event} to the machine's listeners (subscribers of the actor). */
    record Emit(String name, ObjectNode event) implements Action {}

    /**
     * A named side effect for the host to run, with the context and event it ran with. The context is
     * shared with the engine's snapshots (it is never copied, for speed): read it, do not modify it.
     */
    record Effect(String name, ObjectNode context, ObjectNode event) implements Action {}
}
