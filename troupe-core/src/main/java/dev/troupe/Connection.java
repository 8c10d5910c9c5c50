package dev.troupe;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A client attached to an actor (a WebSocket, an SSE stream or an in-process subscriber), as the actor
 * sees it in {@link Actor#onConnect}, {@link Actor#onDisconnect} and {@link Actor#connections()}.
 *
 * <p>An actor with open connections stays awake. Per-connection state lives in memory only.
 */
public interface Connection {

    /** A unique id for this connection. */
    String id();

    /** Who opened the connection. */
    Caller caller();

    /** The parameters the client passed when connecting. */
    Map<String, Object> params();

    /** The events this connection is subscribed to. */
    Set<String> subscriptions();

    /** The per-connection state set by the actor, or null. */
    @Nullable Object state();

    /** Replaces the per-connection state. */
    void state(@Nullable Object state);

    /**
     * Sends an event to this connection only, whether or not it subscribed to it. Released with the
     * current turn's output, like a broadcast.
     */
    void send(String event, Object... args);
}
