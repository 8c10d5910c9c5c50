package dev.troupe;

import java.util.Map;
import java.util.Objects;

/**
 * An error as it crosses every boundary: {@code {group, code, message, metadata}}.
 *
 * <p>Immutable. {@code metadata} holds JSON-serialisable values chosen by whoever raised the error;
 * it is never null.
 *
 * @param group    the error group ({@code actor}, {@code request}, {@code auth}, {@code user}, ...)
 * @param code     the stable code within the group
 * @param message  a human-readable explanation
 * @param metadata structured details, possibly empty
 */
public record ActorError(String group, String code, String message, Map<String, Object> metadata) {

    /** Validates and freezes the fields. */
    public ActorError {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An error of one of Troupe's own codes. */
    public static ActorError of(ErrorCode code, String message) {
        return new ActorError(code.group(), code.code(), message, Map.of());
    }

    /** {@code group/code}. */
    public String qualifiedCode() {
        return group + "/" + code;
    }

    /** Whether this error carries the given catalogue code. */
    public boolean is(ErrorCode errorCode) {
        return group.equals(errorCode.group()) && code.equals(errorCode.code());
    }
}
