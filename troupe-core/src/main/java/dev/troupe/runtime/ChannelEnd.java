package dev.troupe.runtime;

import dev.troupe.ActorError;

/**
 * One end of a {@link ChannelLink}: an actor ({@link ActorChannel}) or a transport
 * ({@link HostChannelEnd}). The link calls these under its lock, so they must only queue and return.
 */
interface ChannelEnd {

    /** A message from the other end, as JSON text. */
    void deliver(String json);

    /** The other end, or the runtime, closed the channel with {@code reason}. */
    void closed(ActorError reason);
}
