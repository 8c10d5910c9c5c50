package dev.troupe;

import java.util.Map;
import java.util.Objects;

/**
 * Who sent the message a turn is processing.
 *
 * @param type   the kind of caller
 * @param id     the caller's id (a user id, a service name, {@code actor:type/key}, ...)
 * @param claims further authenticated claims (from a token), never null; {@link #SCOPE_TYPE} and
 *               {@link #SCOPE_KEY} restrict which actor the caller may address
 */
public record Caller(CallerType type, String id, Map<String, Object> claims) {
    /**
     * The claim restricting a caller to one actor type (a string): the runtime refuses every operation
     * on another type with {@code auth/forbidden}.
     */
    public static final String SCOPE_TYPE = "atype";
    /**
     * The claim restricting a caller to one actor key (a list of the key's string parts), used with
     * {@link #SCOPE_TYPE}: the runtime refuses every operation on another key with {@code auth/forbidden}.
     */
    public static final String SCOPE_KEY = "akey";

    /** Validates and freezes the fields. */
    public Caller {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }

    /** A system caller, as used for in-process calls, schedules and lifecycle hooks. */
    public static Caller system(String id) {
        return new Caller(CallerType.SYSTEM, id, Map.of());
    }

    /** A service caller without claims. */
    public static Caller service(String id) {
        return new Caller(CallerType.SERVICE, id, Map.of());
    }

    /** A client caller without claims. */
    public static Caller client(String id) {
        return new Caller(CallerType.CLIENT, id, Map.of());
    }
}
