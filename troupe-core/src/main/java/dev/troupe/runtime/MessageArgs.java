package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Encodes the arguments of a one-way message and holds them to the largest message the runtime stores. */
final class MessageArgs {
    /** The largest arguments of one message, in bytes of UTF-8 JSON. */
    static final int MAX_BYTES = 1 << 20;

    private MessageArgs() {
    }

    /**
     * The arguments as a JSON array.
     *
     * @throws TroupeException {@code message/too_large} above {@link #MAX_BYTES}, {@code actor/invalid_args}
     *                         if they do not fit the action
     */
    static String encode(Action action, Object[] args) {
        String json = ActionArgs.encode(action, args);
        if (json.length() > MAX_BYTES / 3) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                throw new TroupeException(ErrorCode.MESSAGE_TOO_LARGE, "the arguments of " + action.name() + " are "
                        + bytes + " bytes of JSON, more than the " + MAX_BYTES + " a message may carry",
                        Map.of("bytes", bytes, "limit", MAX_BYTES));
            }
        }
        return json;
    }
}
