package dev.troupe.server.auth;

import dev.troupe.Caller;

/**
 * The JWT claim names of wire protocol v1. Internal API: shared by the verifier and
 * {@code TokenIssuer}.
 */
public final class Claims {
    /** The caller id. */
    public static final String SUBJECT = "sub";
    /** The caller type: {@code client} or {@code service}; {@code system} is never accepted. */
    public static final String CALLER_TYPE = "ctype";
    /** Restricts the token to one actor type. */
    public static final String ACTOR_TYPE = Caller.SCOPE_TYPE;
    /** Restricts the token to one actor key (a JSON array of strings); requires {@link #ACTOR_TYPE}. */
    public static final String ACTOR_KEY = Caller.SCOPE_KEY;
    /** The expiry, in seconds since the epoch. */
    public static final String EXPIRY = "exp";

    private Claims() {
    }
}
