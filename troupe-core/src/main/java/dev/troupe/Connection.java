package dev.troupe;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A client attached to an actor (a WebSocket, an SSE stream or an in-process subscriber), as the actor
 * sees it in {@link Actor#onConnect}, {@link Actor#onDisconnect} and {@link Actor#connections()}.
 *
 * <p>Open connections do not keep an actor awake unless its type says so
 * ({@link TypeOptions#connectionsKeepAwake(boolean)}): an idle actor with connections hibernates, and the
 * next frame, call or schedule wakes it with its connections and their subscriptions. Per-connection
 * state is set in turns of the actor and written to the store with the turn's commit, so it survives
 * hibernation; after a wake it is read back from its JSON form as the class of the value set (so
 * generic parameters are lost: {@link #state(Class)} converts). See {@code docs/semantics.md}.
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

    /**
     * The per-connection state set by the actor, or null: the value set in this turn or the last
     * completed one while the actor stayed awake; once it hibernated since, that value read back from
     * its stored JSON as an instance of the same class.
     *
     * @throws IllegalStateException outside a turn of the actor while it hibernates
     */
    @Nullable Object state();

    /** The per-connection state converted to {@code type} (from its JSON form), or null if none is set. */
    default <T> @Nullable T state(Class<T> type) {
        Object value = state();
        return value == null ? null : dev.troupe.json.Json.mapper().convertValue(value, type);
    }

    /**
     * Replaces the per-connection state, in a turn of the actor: it must have a JSON form, and it is
     * durable with the turn's commit (dropped if the turn throws). Null removes it.
     *
     * @throws TroupeException {@code call/invalid_args} if the value cannot be written as JSON
     */
    void state(@Nullable Object state);

    /**
     * Sends an event to this connection only, whether or not it subscribed to it. Released with the
     * current turn's output, like a broadcast.
     */
    void send(String event, Object... args);
}
