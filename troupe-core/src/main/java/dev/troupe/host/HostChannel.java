package dev.troupe.host;

/**
 * A transport's end of a channel it opened with {@link ActorHost#openChannel}: it sends the client's
 * messages to the actor and closes the channel. Messages from the actor arrive at the
 * {@link ChannelSink} given to {@code openChannel}. Thread-safe.
 */
public interface HostChannel {

    /** The channel id, unique in this process. */
    String id();

    /**
     * Sends one message, the JSON text of a value, to the actor: it arrives as a turn of the actor,
     * after the messages sent before it.
     *
     * @throws dev.troupe.TroupeException {@code message/too_large} above 1 MiB; {@code channel/closed}
     *                                    if the channel is closed
     */
    void send(String json);

    /** Closes the channel: the actor's {@code onChannelClosed} runs with {@code channel/closed}. Idempotent. */
    void close();
}
