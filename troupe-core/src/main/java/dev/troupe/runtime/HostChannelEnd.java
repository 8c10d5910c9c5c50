package dev.troupe.runtime;

import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.HostChannel;
import org.jspecify.annotations.Nullable;

/**
 * A transport's end of a channel opened over one of its connections, or of a raw WebSocket: the
 * client's messages go to the link as they come; the actor's reach the transport's {@link ChannelSink}.
 * A channel's end closes with {@code channel/disconnected} when its connection closes.
 */
final class HostChannelEnd implements HostChannel, ChannelEnd {
    /** The reason the actor hears when the client's connection dropped. */
    static final ActorError DISCONNECTED = ActorError.of(ErrorCode.CHANNEL_DISCONNECTED,
            "the client's connection dropped");

    private final ChannelLink link;
    private final @Nullable ActorConnection connection;
    private final ChannelSink sink;

    /** @param connection the connection the channel runs over, or null for a raw WebSocket, which has none */
    HostChannelEnd(ChannelLink link, @Nullable ActorConnection connection, ChannelSink sink) {
        this.link = link;
        this.connection = connection;
        this.sink = sink;
    }

    @Override
    public String id() {
        return link.id();
    }

    @Override
    public void send(String json) {
        link.send(this, MessageArgs.limited(json, "the contents of a channel message"));
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.channels().remove(this);
        }
        link.close(this, ChannelLink.CLOSED_BY_PEER);
    }

    /** The connection closed: the actor hears {@code channel/disconnected}. */
    void disconnect() {
        link.close(this, DISCONNECTED);
    }

    @Override
    public void deliver(String json) {
        sink.message(json);
    }

    @Override
    public void closed(ActorError reason) {
        if (connection != null) {
            connection.channels().remove(this);
        }
        sink.closed(reason);
    }
}
