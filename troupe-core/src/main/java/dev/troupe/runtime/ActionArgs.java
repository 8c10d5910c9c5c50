package dev.troupe.runtime;

import dev.troupe.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;

/** Checks and encodes the arguments of an action invoked later (a schedule or a timer). */
final class ActionArgs {
    private ActionArgs() {
    }

    /** @throws TroupeException {@code actor/invalid_args} if the count does not match the action's */
    static void checkArity(Action action, Object[] args) {
        if (args.length != action.arity()) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, action.name() + " takes "
                    + action.arity() + " argument(s), got " + args.length);
        }
    }

    /** The arguments as a JSON array, as a schedule stores them. */
    static String encode(Action action, Object[] args) {
        checkArity(action, args);
        try {
            return Json.mapper().writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "arguments of " + action.name() + " are not serialisable", e);
        }
    }
}
