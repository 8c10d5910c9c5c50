package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/**
 * Keeps a session per connection in the connection's own state, for tests of per-connection state.
 * A session is named after the connection's {@code name} parameter, else its caller's id.
 */
@ActorContract("test-sessions")
public interface Sessions {
    /**
     * Counts a hit in the session of the connection the call came through; fails with
     * {@code user/no_connection} for a call that came through none.
     *
     * @return the hits of that session so far
     */
    long hit();

    /** Every open connection's session as {@code name:hits}, sorted. */
    @ReadOnly
    List<String> sessions();
}
