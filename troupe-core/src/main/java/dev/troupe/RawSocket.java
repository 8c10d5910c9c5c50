package dev.troupe;

/**
 * A raw WebSocket a client opened on an actor's raw prefix, as the actor sees it: text messages in both
 * directions, in no format of Troupe's. The actor accepts it in {@link Actor#onRawWebSocketOpen} (the
 * default refuses), gets each message as a turn ({@link Actor#onRawWebSocketMessage}) in the order sent,
 * and hears the close in {@link Actor#onRawWebSocketClose}. Like a {@link Channel} it is a live session:
 * nothing of it is stored, it keeps its actor awake, and a crash ends it. See
 * {@code docs/raw-handlers.md}.
 *
 * <p>Thread-safe. Inside a turn of its actor, {@link #send} and {@link #close} are released with the
 * turn's output, once its commit is durable, and dropped if the turn throws; elsewhere they take effect
 * at once.
 */
public interface RawSocket {

    /** The socket's id, unique in this process. */
    String id();

    /** Who opened the socket. */
    Caller caller();

    /** The upgrade request: its path below the raw prefix, query and headers (no body). */
    RawRequest request();

    /** Whether the socket is open: accepted and not yet closed by either end. */
    boolean isOpen();

    /**
     * Sends one text message to the client.
     *
     * @throws TroupeException {@code message/too_large} above 1 MiB; {@code channel/closed} if the socket
     *                         is closed (inside a turn: the message is dropped if it closes before the
     *                         turn's output is released)
     */
    void send(String text);

    /** Closes the socket (WebSocket close code 1000). Idempotent; this actor's own close hook does not run. */
    void close();
}
