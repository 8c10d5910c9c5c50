package dev.troupe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.Channel;
import dev.troupe.ErrorCode;
import dev.troupe.RawRequest;
import dev.troupe.RawSocket;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * An actor's end of a channel, as the actor sees it ({@link Channel}) and as the link delivers to it: a
 * message or a close from the other end becomes a message in the activation's mailbox, so it runs as a
 * turn, one at a time, in order. Sends and closes made inside a turn of this actor are released with
 * the turn's output; elsewhere they happen at once.
 */
final class ActorChannel implements Channel, ChannelEnd {
    private final ChannelLink link;
    private final Activation activation;
    private final Caller peer;
    private final RawSocket rawSocket = new RawView();

    /**
     * @param peer who the other end is, as the caller of the turns it causes: the opener for the target's
     *             end, the target actor for the opener's end
     */
    ActorChannel(ChannelLink link, Activation activation, Caller peer) {
        this.link = link;
        this.activation = activation;
        this.peer = peer;
    }

    @Override
    public String id() {
        return link.id();
    }

    @Override
    public Caller opener() {
        return link.opener();
    }

    @Override
    public String target() {
        return link.target().toString();
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    /**
     * {@inheritDoc} In the turn that accepts the channel, a send never fails for a closed channel (the
     * open may have timed out meanwhile): the message is dropped, and {@code onChannelClosed} follows.
     */
    @Override
    public void send(@Nullable Object message) {
        sendText(encode(message));
    }

    /** Sends {@code json} (a channel's JSON, or a raw WebSocket's text) as {@link #send} describes. */
    private void sendText(String json) {
        Turn turn = ownTurn();
        if (turn == null) {
            link.send(this, json);
        } else if (link.isClosed() && !(turn.message() instanceof Message.ChannelOpen open && open.link() == link)) {
            throw new TroupeException(ErrorCode.CHANNEL_CLOSED, "channel " + id() + " to " + target() + " is closed",
                    java.util.Map.of("channel", id()));
        } else {
            turn.gate(new ChannelOutput(() -> link.sendIfOpen(this, json)));
        }
    }

    @Override
    public void close() {
        Turn turn = ownTurn();
        if (turn == null) {
            closeNow();
        } else {
            turn.gate(new ChannelOutput(this::closeNow));
        }
    }

    private void closeNow() {
        activation.openChannels().remove(this);
        link.close(this, ChannelLink.CLOSED_BY_PEER);
    }

    private @Nullable Turn ownTurn() {
        Turn turn = Turn.current();
        if (turn == null || turn.scope() != activation) {
            return null;
        }
        if (turn.kind().readOnly()) {
            throw new IllegalStateException("a @ReadOnly action must not use a channel");
        }
        return turn;
    }

    // ---- what the link delivers -----------------------------------------------------------------

    @Override
    public void deliver(String json) {
        if (!activation.send(new Message.ChannelData(this, json))) {
            closeGone();
        }
    }

    @Override
    public void closed(ActorError reason) {
        activation.send(new Message.ChannelClosed(this, reason));
    }

    /** The activation is gone: close the channel for it, telling the other end. */
    private void closeGone() {
        link.close(this, ActorError.of(ErrorCode.UNAVAILABLE, "actor " + activation.address() + " is no longer active"));
    }

    /** The runtime closes this end because its activation closes with {@code reason}. */
    void terminate(ActorError reason) {
        link.close(this, reason);
    }

    ChannelLink link() {
        return link;
    }

    /** This end as the actor sees it when the link is a raw WebSocket. */
    RawSocket rawSocket() {
        return rawSocket;
    }

    /** The raw WebSocket view of this end: text as it is, no JSON. */
    private final class RawView implements RawSocket {
        @Override
        public String id() {
            return link.id();
        }

        @Override
        public Caller caller() {
            return link.opener();
        }

        @Override
        public RawRequest request() {
            RawRequest request = link.raw();
            if (request == null) {
                throw new IllegalStateException("channel " + link.id() + " is not a raw WebSocket");
            }
            return request;
        }

        @Override
        public boolean isOpen() {
            return link.isOpen();
        }

        @Override
        public void send(String text) {
            sendText(MessageArgs.limited(text, "a raw WebSocket message"));
        }

        @Override
        public void close() {
            ActorChannel.this.close();
        }

        @Override
        public String toString() {
            return "RawSocket[" + link.id() + " " + target() + " " + request().path() + "]";
        }
    }

    Caller peer() {
        return peer;
    }

    /** The JSON text of a channel message, at most {@link MessageArgs#MAX_BYTES}. */
    static String encode(@Nullable Object message) {
        try {
            return MessageArgs.limited(Json.mapper().writeValueAsString(message), "the contents of a channel message");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a channel message must be JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** A channel message decoded to maps, lists, strings, numbers, booleans and null. */
    static @Nullable Object decode(@Nullable String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a channel message is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
