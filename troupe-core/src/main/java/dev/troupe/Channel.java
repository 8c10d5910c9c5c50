package dev.troupe;

import org.jspecify.annotations.Nullable;

/**
 * A live, ordered, two-way session between an actor and another actor or an external client, as one of
 * its ends sees it. Opened with {@code Actor.openChannel} (or a client's {@code openChannel}); the target
 * accepts or rejects it in {@link Actor#onChannelOpen}. Each message is a JSON value; messages sent on
 * one end arrive at the other in the order sent, each as a turn ({@link Actor#onChannelMessage}) of an
 * actor end. Either end may close it; both learn why in {@link Actor#onChannelClosed}.
 *
 * <p>Channels are not durable: they live in memory, keep their actors awake, and end when an end is
 * destroyed, its process stops or crashes, or a client's connection drops. See {@code docs/channels.md}.
 *
 * <p>Thread-safe. Inside a turn of the end's actor, {@link #send} and {@link #close} are released with
 * the turn's output, once its commit is durable, and dropped if the turn throws; elsewhere they take
 * effect at once.
 */
public interface Channel {

    /** The channel's id, unique in this process. */
    String id();

    /** Who opened the channel: a client, or the system caller {@code actor:<type>/<key>} of an actor. */
    Caller opener();

    /** The target actor's address, as {@code type/["key"]}. */
    String target();

    /** Whether the channel is open: accepted and not yet closed by either end. */
    boolean isOpen();

    /**
     * Sends {@code message} (a JSON-serialisable value) to the other end.
     *
     * @throws TroupeException {@code message/too_large} above 1 MiB of JSON; {@code channel/closed} if the
     *                         channel is closed (inside a turn: the message is dropped if it closes
     *                         before the turn's output is released)
     */
    void send(@Nullable Object message);

    /**
     * Closes the channel: the other end learns it with the reason {@code channel/closed}. Idempotent;
     * this end's own {@code onChannelClosed} does not run.
     */
    void close();
}
