package dev.troupe.statechart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A compiled guard: a named implementation, or XState v5's {@code and}, {@code or} and {@code not}. */
sealed interface GuardExpr {
    boolean test(ObjectNode context, ObjectNode event);

    record Named(String name, Implementations.Guard guard) implements GuardExpr {
        @Override
        public boolean test(ObjectNode context, ObjectNode event) {
            return guard.test(context, event);
        }
    }

    record And(List<GuardExpr> guards) implements GuardExpr {
        @Override
        public boolean test(ObjectNode context, ObjectNode event) {
            for (GuardExpr guard : guards) {
                if (!guard.test(context, event)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<GuardExpr> guards) implements GuardExpr {
        @Override
        public boolean test(ObjectNode context, ObjectNode event) {
            for (GuardExpr guard : guards) {
                if (guard.test(context, event)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(GuardExpr guard) implements GuardExpr {
        @Override
        public boolean test(ObjectNode context, ObjectNode event) {
            return !guard.test(context, event);
        }
    }
}
