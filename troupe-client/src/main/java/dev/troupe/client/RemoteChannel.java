package dev.troupe.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A channel from this client to the actor of a {@link RemoteConnection}, opened with
 * {@link RemoteConnection#openChannel} once the actor accepted it: ordered messages both ways, closed by
 * either side. It lives on one socket: when the socket drops, the channel closes (its listener hears
 * {@code channel/disconnected}) and is not reopened by the reconnect.
 *
 * <p>Thread-safe. Messages are sent in the order of the calls to {@link #send}.
 */
public final class RemoteChannel {
    private final long name;
    private final String id;
    private final ChannelListener listener;
    private final Consumer<String> out;
    private volatile boolean open = true;

    RemoteChannel(long name, String id, ChannelListener listener, Consumer<String> out) {
        this.name = name;
        this.id = id;
        this.listener = listener;
        this.out = out;
    }

    /** The server's id of the channel. */
    public String id() {
        return id;
    }

    /** Whether the channel is open: neither side closed it and its socket is up. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Sends {@code message} (any JSON-serialisable value) to the actor, where it runs as a turn after
     * the messages sent before it. A refusal by the server arrives at {@link ChannelListener#onError}.
     *
     * @throws TroupeException {@code channel/closed} if the channel is closed
     */
    public void send(@Nullable Object message) {
        if (!open) {
            throw new TroupeException(ErrorCode.CHANNEL_CLOSED, "channel " + id + " is closed", Map.of("channel", id));
        }
        out.accept(frame("channel.message").set("message", WireJson.MAPPER.valueToTree(message)).toString());
    }

    /** Closes the channel: the actor hears {@code channel/closed}; this channel's listener hears nothing. Idempotent. */
    public void close() {
        if (open) {
            open = false;
            out.accept(frame("channel.close").toString());
        }
    }

    long name() {
        return name;
    }

    ChannelListener listener() {
        return listener;
    }

    /** The other side, or the socket, closed the channel. */
    void closed(ActorError reason) {
        if (open) {
            open = false;
            listener.onClosed(reason);
        }
    }

    private ObjectNode frame(String type) {
        return WireJson.MAPPER.createObjectNode().put("type", type).put("channel", name);
    }
}
