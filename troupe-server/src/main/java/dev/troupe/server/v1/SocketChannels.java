package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.HostChannel;
import dev.troupe.host.HostConnection;
import dev.troupe.server.wire.WireErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/*
 * The channels of one WebSocket. The client names each channel (an integer or a string, unique among
 * the socket's open channels) in its channel.open frame; every later frame of that channel, either
 * way, carries the name.
 *
 *   channel.open     -> host.openChannel over the socket's connection; answered by channel.accept, or
 *                       channel.reject with the error (channel/rejected with metadata.reason,
 *                       channel/timeout, auth/forbidden, message/too_large, ...)
 *   channel.message  -> HostChannel.send; a name that is not open gets an error frame channel/closed
 *   channel.close    -> HostChannel.close; the actor hears channel/closed; nothing is answered
 *   actor's messages -> channel.message frames; its close (or the actor's end) -> channel.close with
 *                       the reason's group, code and message
 *
 * The socket's close closes its connection, which closes every channel with channel/disconnected for
 * the actor. Frames are handled under the endpoint's monitor (one at a time); the runtime's callbacks
 * come from its threads, so the map is guarded by this object's own monitor.
 */
final class SocketChannels {
    private final ActorHost host;
    private final Consumer<String> out;
    private final Map<String, Entry> open = new HashMap<>();

    /**
     * A channel of the socket: its wire name, and the runtime's end once accepted. The actor's first
     * messages may come before the acceptance reaches this socket (the open's future may complete on
     * this socket's thread while the runtime already releases them): they wait until the accept frame
     * is out, so the client always sees channel.accept first.
     */
    private final class Entry implements ChannelSink {
        private final JsonNode name;
        private @Nullable HostChannel channel;
        private @Nullable List<String> early = new ArrayList<>();

        Entry(JsonNode name) {
            this.name = name;
        }

        @Override
        public synchronized void message(String json) {
            emit(Frames.channelMessage(name, json));
        }

        @Override
        public synchronized void closed(ActorError reason) {
            forget(this);
            emit(Frames.channelEnd("channel.close", name, reason));
        }

        private void emit(String frame) {
            if (early != null) {
                early.add(frame);
            } else {
                out.accept(frame);
            }
        }

        synchronized void accepted(HostChannel opened) {
            channel = opened;
            out.accept(Frames.channelAccept(name, opened.id()));
            List<String> waiting = early;
            early = null;
            waiting.forEach(out);
        }

        synchronized @Nullable HostChannel channel() {
            return channel;
        }
    }

    SocketChannels(ActorHost host, Consumer<String> out) {
        this.host = host;
        this.out = out;
    }

    /** A channel.open frame, on the socket's open {@code connection}. */
    void open(JsonNode frame, HostConnection connection) {
        JsonNode name = name(frame);
        Entry entry = new Entry(name);
        synchronized (this) {
            if (open.containsKey(name.asText())) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "channel " + name + " is already open on this socket",
                        Map.of("channel", name));
            }
            open.put(name.asText(), entry);
        }
        JsonNode message = frame.get("message");
        host.openChannel(connection, message == null ? null : message.toString(), entry).whenComplete((channel, failure) -> {
            if (failure != null) {
                forget(entry);
                out.accept(Frames.channelEnd("channel.reject", name, WireErrors.from(failure, "channel to "
                        + connection.address()).error()));
                return;
            }
            entry.accepted(channel);
        });
    }

    /** A channel.message frame. */
    void message(JsonNode frame) {
        JsonNode name = name(frame);
        JsonNode message = frame.get("message");
        if (message == null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a channel.message frame needs a 'message'",
                    Map.of("field", "message", "channel", name));
        }
        try {
            accepted(name).send(message.toString());
        } catch (TroupeException e) {
            throw e.is(ErrorCode.CHANNEL_CLOSED) ? notOpen(name) : naming(e, name);
        }
    }

    /** A channel.close frame. */
    void close(JsonNode frame) {
        JsonNode name = name(frame);
        HostChannel channel = accepted(name);
        synchronized (this) {
            open.remove(name.asText());
        }
        channel.close();
    }

    /** The socket closed: forget every channel (closing the connection closes them in the runtime). */
    synchronized void clear() {
        open.clear();
    }

    private HostChannel accepted(JsonNode name) {
        Entry entry;
        synchronized (this) {
            entry = open.get(name.asText());
        }
        HostChannel channel = entry == null ? null : entry.channel();
        if (channel == null) {
            throw notOpen(name);
        }
        return channel;
    }

    private synchronized void forget(Entry entry) {
        open.remove(entry.name.asText(), entry);
    }

    /** {@code error} with the channel's name in its metadata, so that the client can tell which channel it concerns. */
    private static TroupeException naming(TroupeException error, JsonNode name) {
        ActorError cause = error.error();
        Map<String, Object> metadata = new HashMap<>(cause.metadata());
        metadata.put("channel", name);
        return new TroupeException(new ActorError(cause.group(), cause.code(), cause.message(), metadata), error.status());
    }

    private static TroupeException notOpen(JsonNode name) {
        return new TroupeException(ErrorCode.CHANNEL_CLOSED, "channel " + name + " is not open on this socket",
                Map.of("channel", name));
    }

    private static JsonNode name(JsonNode frame) {
        JsonNode name = frame.get("channel");
        if (name == null || !(name.isIntegralNumber() || name.isTextual() && !name.asText().isEmpty())) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a channel frame needs a 'channel' name: an integer"
                    + " or a non-empty string", Map.of("field", "channel"));
        }
        return name;
    }
}
