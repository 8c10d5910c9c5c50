package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes the arguments of a one-way message and holds them, and channel messages, to the largest
 * message the runtime carries.
 */
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
        return limited(ActionArgs.encode(action, args), "the arguments of " + action.name());
    }

    /**
     * {@code json} itself, if it is at most {@link #MAX_BYTES} of UTF-8.
     *
     * @param what names the JSON in the error (a plural subject), such as {@code "the arguments of increment"}
     * @throws TroupeException {@code message/too_large} above {@link #MAX_BYTES}
     */
    static String limited(String json, String what) {
        if (json.length() > MAX_BYTES / 3) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                throw new TroupeException(ErrorCode.MESSAGE_TOO_LARGE, what + " take " + bytes
                        + " bytes of JSON, more than the " + MAX_BYTES + " a message may carry",
                        Map.of("bytes", bytes, "limit", MAX_BYTES));
            }
        }
        return json;
    }
}
