package dev.troupe.host;

import dev.troupe.ActorError;

/**
 * The transport side of a channel: where the runtime delivers the actor's messages, in the order the
 * actor sent them, each once its turn is durable, and the channel's end. Calls come from runtime
 * threads; implementations must not block (queue and return).
 */
public interface ChannelSink {

    /** One message from the actor, as JSON text. */
    void message(String json);

    /**
     * The channel closed, not by this end: {@code channel/closed} (the actor closed it),
     * {@code actor/not_found} (the actor was destroyed), {@code actor/unavailable} (the runtime stopped),
     * {@code actor/fenced} (the actor moved). Called at most once, and nothing arrives after it.
     */
    void closed(ActorError reason);
}
