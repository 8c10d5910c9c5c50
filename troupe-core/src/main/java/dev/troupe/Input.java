package dev.troupe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * The input an actor was created with, passed to {@link Actor#initialState} and
 * {@link Actor#onCreate}. It arrives either as a Java object (in-process) or as JSON (remote callers);
 * {@link #as} converts either to the type the actor expects.
 */
public final class Input {
    private static final Input NONE = new Input(null);

    private final @Nullable Object value;

    private Input(@Nullable Object value) {
        this.value = value;
    }

    /** No input. */
    public static Input none() {
        return NONE;
    }

    /** Input carrying the given value (a Java object or a Jackson {@link JsonNode}). */
    public static Input of(@Nullable Object value) {
        return value == null ? NONE : new Input(value);
    }

    /** Whether any input was given. */
    public boolean isPresent() {
        return value != null && !(value instanceof JsonNode node && node.isNull());
    }

    /**
     * The input as the given type: the value itself if it already is one, else converted through JSON.
     *
     * @throws TroupeException {@code request/invalid_args} if the input is absent or cannot be converted
     */
    public <T> T as(Class<T> type) {
        if (!isPresent()) {
            throw new TroupeException(ErrorCode.INVALID_ARGS, "no input was given, expected " + type.getSimpleName());
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        try {
            return Json.mapper().convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new TroupeException(ErrorCode.INVALID_ARGS,
                    "input does not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The raw value, or null. */
    public @Nullable Object raw() {
        return value;
    }
}
