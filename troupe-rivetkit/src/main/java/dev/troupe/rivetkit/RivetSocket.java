package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.EventMemo;
import dev.troupe.server.stream.SocketOutput;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.wire.WireErrors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One RivetKit connection, from upgrade to close.
 *
 * States
 *   CONNECTING  runtime.connect is running (onBeforeConnect, onConnect). Messages that arrive now are held
 *               in order (RivetKit's client sends nothing before Init, but a hand-written one may); events
 *               the actor sends meanwhile follow Init.
 *   OPEN        Init is out; messages are processed as they arrive.
 *   CLOSED      nothing more is sent; the actor connection is closed (onDisconnect runs).
 *
 * Ordering and threads: as v1's SocketEndpoint. Jetty delivers one frame at a time; state changes and
 * message processing happen under this object's monitor, nothing under it blocks (calls are asynchronous,
 * every message out goes through the Outbox), so messages are processed in the order received.
 *
 * Frames: the Outbox queues strings. A binary encoding's message rides in it as a Latin-1 string (one char
 * per byte, lossless) and is written as a binary frame; json messages are UTF-8 text frames.
 *
 * Failures: a malformed message or a failed action gets an Error (with the action's id when known) and the
 * socket stays open. What ends the connection (a refused connect, the actor destroyed, the server
 * stopping) sends an Error with actionId null, then closes with the reason group.code that RivetKit's
 * client turns back into an ActorError.
 */

/**
 * One RivetKit WebSocket connection to an actor: {@code Init} first, then actions, subscriptions,
 * events and errors in the connection's encoding. Public only because Jetty looks up its listener
 * methods reflectively; created by {@link RivetUpgrade}.
 */
public final class RivetSocket implements Session.Listener.AutoDemanding, ConnectionSink, Stream {
    private static final Logger LOG = LoggerFactory.getLogger(RivetSocket.class);
    private static final int MAX_HELD_MESSAGES = 64;
    private static final int NORMAL_CLOSE = 1000;
    private static final int GOING_AWAY = 1001;
    private static final int POLICY_VIOLATION = 1008;
    private static final int SERVER_ERROR = 1011;
    private static final Map<String, EventMemo> EVENT_MEMOS = Map.of(
            "json", memo(JsonEncoding.INSTANCE), "cbor", memo(CborEncoding.INSTANCE), "bare", memo(BareEncoding.INSTANCE));

    /**
     * What a connection was admitted with.
     *
     * @param destination the actor and how to reach it
     * @param caller      who connects
     * @param params      the conn params, for {@code onBeforeConnect}
     */
    record Setup(Destination destination, Caller caller, Map<String, Object> params) {
    }

    private enum State { CONNECTING, OPEN, CLOSED }

    private final Gateway gateway;
    private final WireEncoding encoding;
    private final @Nullable Setup setup;
    private final @Nullable TroupeException refusal;
    private final List<byte[]> held = new ArrayList<>();
    private final List<String> early = new ArrayList<>();
    private State state = State.CONNECTING;
    private boolean admitted;
    private final SocketOutput frames;
    private volatile @Nullable HostConnection connection;

    /** A connection admitted with {@code setup}, or refused with {@code refusal} once open. */
    RivetSocket(Gateway gateway, WireEncoding encoding, @Nullable Setup setup, @Nullable TroupeException refusal) {
        this.gateway = gateway;
        this.encoding = encoding;
        this.frames = encoding.binary() ? SocketOutput.latin1Binary() : SocketOutput.text();
        this.setup = setup;
        this.refusal = refusal;
    }

    // ---- Jetty's side -------------------------------------------------------------------------

    @Override
    public void onWebSocketOpen(Session opened) {
        frames.open(opened, gateway.config().outboundQueueLimit(), this::slowConsumer, this::writeFailed);
        gateway.streams().opened(this, StreamRegistry.Kind.WEBSOCKET);
        synchronized (this) {
            if (refusal != null) {
                end(refusal);
            } else if (gateway.isClosing()) {
                end(new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down"));
            } else {
                connect(setup);
            }
        }
    }

    @Override
    public void onWebSocketText(String text) {
        received(text.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        received(bytes, true);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("RivetKit WebSocket error: {}", cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        detach();
        callback.succeed();
    }

    // ---- the runtime's side -------------------------------------------------------------------

    @Override
    public void event(String name, List<Object> args) {
        String frame;
        try {
            frame = EVENT_MEMOS.get(encoding.name()).text(name, args);
        } catch (IllegalArgumentException e) {
            LOG.error("event '{}' is not serialisable; it is not sent", name, e);
            return;
        }
        synchronized (this) {
            if (state == State.CONNECTING) {
                early.add(frame);
                return;
            }
        }
        frames.send(frame);
    }

    @Override
    public void closed(ActorError reason) {
        synchronized (this) {
            end(new TroupeException(reason, WireErrors.status(reason)));
        }
    }

    @Override
    public void goingAway() {
        synchronized (this) {
            state = State.CLOSED;
        }
        frames.close(GOING_AWAY, "actor.unavailable");
        detach();
    }

    // ---- states -------------------------------------------------------------------------------

    private void connect(Setup admitted) {
        try {
            gateway.streams().admit(admitted.destination().address());
        } catch (TroupeException e) {
            end(e);
            return;
        }
        this.admitted = true;
        Destination destination = admitted.destination();
        gateway.host().connect(destination.address(), admitted.caller(), admitted.params(), this, destination.mode(),
                        destination.input())
                .orTimeout(gateway.config().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(this::connected);
    }

    private synchronized void connected(@Nullable HostConnection opened, @Nullable Throwable failure) {
        if (failure != null) {
            end(WireErrors.from(failure, "connect to " + setup.destination().address()));
            return;
        }
        if (state == State.CLOSED) {
            opened.close();
            return;
        }
        connection = opened;
        state = State.OPEN;
        frames.send(frame(new ToClient.Init(opened.actorId(), opened.id())));
        early.forEach(frames::send);
        early.clear();
        List<byte[]> waiting = List.copyOf(held);
        held.clear();
        waiting.forEach(this::dispatch);
    }

    private synchronized void received(byte[] payload, boolean binaryFrame) {
        if (binaryFrame != encoding.binary()) {
            reply(null, new TroupeException(ErrorCode.INVALID_REQUEST, "the " + encoding.name() + " encoding sends "
                    + (encoding.binary() ? "binary" : "text") + " frames"));
            return;
        }
        switch (state) {
            case CONNECTING -> {
                if (held.size() >= MAX_HELD_MESSAGES) {
                    reply(null, new TroupeException(ErrorCode.INVALID_REQUEST,
                            "too many messages before Init; wait for it", Map.of("limit", MAX_HELD_MESSAGES)));
                } else {
                    held.add(payload);
                }
            }
            case OPEN -> dispatch(payload);
            case CLOSED -> LOG.debug("message after close ignored");
        }
    }

    /** Ends the connection: an Error with actionId null, then the close with reason {@code group.code}. */
    private void end(TroupeException error) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        gateway.metrics().error(error.error().qualifiedCode());
        int code = error.status() >= 500 ? SERVER_ERROR : error.status() >= 400 ? POLICY_VIOLATION : NORMAL_CLOSE;
        String reason = error.error().group() + "." + error.error().code();
        frames.closeAfter(frame(errorMessage(error, null)), code, reason);
        HostConnection attached = connection;
        if (attached != null) {
            attached.close();
        }
    }

    private void detach() {
        synchronized (this) {
            state = State.CLOSED;
            held.clear();
            early.clear();
            if (admitted) {
                admitted = false;
                gateway.streams().release(setup.destination().address());
            }
        }
        frames.shutdown();
        HostConnection attached = connection;
        if (attached != null) {
            attached.close();
        }
        gateway.streams().closed(this);
    }

    // ---- messages -----------------------------------------------------------------------------

    private void dispatch(byte[] payload) {
        ToServer message;
        try {
            message = encoding.readMessage(payload);
        } catch (TroupeException e) {
            reply(null, e);
            return;
        }
        switch (message) {
            case ToServer.ActionRequest request -> action(request);
            case ToServer.SubscriptionRequest request -> subscription(request);
        }
    }

    private void subscription(ToServer.SubscriptionRequest request) {
        HostConnection attached = connection;
        if (!request.subscribe()) {
            attached.unsubscribe(request.eventName());
            return;
        }
        try {
            gateway.host().type(attached.address().type()).checkSubscription(attached.caller(), request.eventName());
            attached.subscribe(request.eventName());
        } catch (TroupeException e) {
            reply(null, e);
        }
    }

    private void action(ToServer.ActionRequest request) {
        long id = request.id();
        HostConnection attached = connection;
        HostedAction action;
        Object[] args;
        try {
            action = gateway.host().type(attached.address().type()).action(request.name());
            args = action.decodeArgs(request.args());
            if (gateway.isClosing()) {
                throw new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down");
            }
        } catch (TroupeException e) {
            reply(id, e);
            return;
        }
        gateway.inFlight().begin();
        gateway.host().call(attached.address(), action, args, attached.caller(), CreateMode.GET, Input.none(), attached)
                .orTimeout(gateway.config().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((output, failure) -> {
                    try {
                        if (failure != null) {
                            reply(id, WireErrors.from(failure, "action " + action.name() + " of " + attached.address()));
                        } else {
                            frames.send(frame(new ToClient.ActionResponse(id, Json.mapper().valueToTree(output))));
                        }
                    } catch (IllegalArgumentException e) {
                        reply(id, WireErrors.from(e, "result of " + action.name() + " of " + attached.address()));
                    } finally {
                        gateway.inFlight().end();
                    }
                });
    }

    // ---- output -------------------------------------------------------------------------------

    private void reply(@Nullable Long actionId, TroupeException error) {
        gateway.metrics().error(error.error().qualifiedCode());
        frames.send(frame(errorMessage(error, actionId)));
    }

    private static ToClient.Error errorMessage(TroupeException error, @Nullable Long actionId) {
        ActorError e = error.error();
        JsonNode metadata = e.metadata().isEmpty() ? null : Json.mapper().valueToTree(e.metadata());
        return new ToClient.Error(e.group(), e.code(), e.message(), metadata, actionId);
    }

    private String frame(ToClient message) {
        return encoding.writeFrame(message);
    }

    private static EventMemo memo(WireEncoding encoding) {
        return new EventMemo((name, args) -> encoding.writeFrame(new ToClient.Event(name, Json.mapper().valueToTree(args))));
    }

    private void slowConsumer() {
        LOG.info("RivetKit WebSocket client is too slow ({} messages queued); closing", gateway.config().outboundQueueLimit());
        gateway.metrics().error(ErrorCode.SLOW_CONSUMER.qualified());
        synchronized (this) {
            state = State.CLOSED;
        }
        frames.close(POLICY_VIOLATION, "connection.slow_consumer");
        detach();
    }

    private void writeFailed(Throwable failure) {
        LOG.debug("write to RivetKit WebSocket client failed: {}", failure.toString());
        detach();
    }
}
