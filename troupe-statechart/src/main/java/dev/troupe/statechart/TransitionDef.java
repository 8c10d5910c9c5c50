package dev.troupe.statechart;

import java.util.List;

/**
 * A compiled transition: its source, targets ({@code null} for a targetless transition), guard,
 * actions and whether it re-enters ({@code reenter: true}, XState's external transition).
 */
final class TransitionDef {
    final StateNode source;
    final List<StateNode> target;
    final GuardExpr guard;
    final List<ActionDef> actions;
    final boolean reenter;

    TransitionDef(StateNode source, List<StateNode> target, GuardExpr guard, List<ActionDef> actions, boolean reenter) {
        this.source = source;
        this.target = target;
        this.guard = guard;
        this.actions = actions;
        this.reenter = reenter;
    }

    boolean hasTarget() {
        return target != null && !target.isEmpty();
    }
}
