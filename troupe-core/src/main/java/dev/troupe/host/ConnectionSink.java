package dev.troupe.host;

import dev.troupe.ActorError;
import java.util.List;

/**
 * The transport side of a connection (a WebSocket, an SSE stream, an in-process listener): where the
 * runtime delivers events once they are durable. Calls come from runtime threads in the order the
 * actor produced the events; implementations must not block (queue and return).
 */
public interface ConnectionSink {

    /**
     * Delivers one event the connection is subscribed to (or that was sent to it directly). The args are
     * immutable, and every connection reached by one broadcast receives the very same list instance,
     * so a transport may render the event once per broadcast and reuse the text (keyed by identity).
     */
    void event(String name, List<Object> args);

    /**
     * The connection's view after a durable state change, for connections with view sync on. Called
     * for every state change; the transport decides whether the view differs from what it last sent.
     */
    default void view(Object view) {
    }

    /** The runtime closed the connection (the actor was destroyed or fenced, or the runtime stopped). */
    void closed(ActorError reason);
}
