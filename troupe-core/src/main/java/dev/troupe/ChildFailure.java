package dev.troupe;

import java.util.Objects;

/**
 * A turn of a child failed: what {@link Actor#onChildFailed} receives, in a turn of the parent, and
 * what the parent's {@link SupervisorStrategy} decided about it. A turn fails for supervision when it
 * throws anything but a {@link UserException} (an action, a schedule, a timer, or {@code onWake}); an
 * error the child raises with a {@code UserException} is an answer to its caller, not a failure.
 *
 * @param child     the child whose turn failed (for an escalation, the grandchild's parent: the child
 *                  of the receiving actor that escalated)
 * @param error     what the turn failed with, as its caller saw it
 * @param turn      the operation that failed: an action name or a hook such as {@code #onWake}; for
 *                  an escalation, {@code #escalated}
 * @param directive what the strategy does about it, after this hook has run
 * @param restarts  the restarts of this child within the strategy's window before this failure
 */
public record ChildFailure(ChildInfo child, ActorError error, String turn, SupervisorStrategy.Directive directive,
                           int restarts) {

    /** Checks that no field is missing. */
    public ChildFailure {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(directive, "directive");
    }
}
