package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.HostedAction;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedType;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.server.auth.Authenticator;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.EventMemo;
import dev.troupe.server.stream.SocketOutput;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.view.ViewSync;
import dev.troupe.server.view.ViewWait;
import dev.troupe.server.wire.Targets;
import dev.troupe.server.wire.WireErrors;
import java.nio.ByteBuffer;
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
 * One WebSocket of wire protocol v1, from upgrade to close.
 *
 * States
 *   AWAITING_AUTH  no Authorization header: the first frame decides. An auth frame authenticates (a bad
 *                  token closes with 4001) and carries the params; any other frame connects as the
 *                  anonymous client with the query params and is then processed.
 *   CONNECTING     runtime.connect is running (onBeforeConnect, onConnect). Frames that arrive now are
 *                  held, in order, and processed once the welcome frame is out; events the actor sends
 *                  meanwhile (from onConnect, say) follow the welcome frame.
 *   OPEN           frames are processed as they arrive.
 *   CLOSED         nothing more is sent; the actor connection is closed (onDisconnect runs).
 *
 * Ordering
 *   Jetty delivers one frame at a time (auto-demand). State changes and frame processing happen under
 *   this object's monitor, and nothing done under it blocks: calls are asynchronous and every frame out
 *   goes through the Outbox. So frames are processed in the order received, and the frames sent for them
 *   leave in the order produced; results of concurrent actions may interleave with events.
 *
 * Failures
 *   A bad frame gets an error frame (with the frame's id when it has one) and the socket stays open.
 *   An error that ends the connection (auth, refusal, actor destroyed, runtime stopping) sends an error
 *   frame with id null and then closes with the code of CloseCodes.
 */

/**
 * One WebSocket connection to an actor: the frames of wire protocol v1. Public only because Jetty looks
 * up its listener methods reflectively; created by {@link SocketUpgrade}.
 */
public final class SocketEndpoint implements Session.Listener.AutoDemanding, ConnectionSink, Stream {
    private static final Logger LOG = LoggerFactory.getLogger(SocketEndpoint.class);
    private static final int MAX_HELD_FRAMES = 64;
    private static final EventMemo EVENT_FRAMES = new EventMemo(Frames::event);

    private enum State { AWAITING_AUTH, CONNECTING, OPEN, CLOSED }

    private final Gateway gateway;
    private final Address address;
    private final CreateMode mode;
    private final HostedType type;
    private final @Nullable Caller headerCaller;
    private final Map<String, Object> queryParams;
    private final List<JsonNode> held = new ArrayList<>();
    private final List<String> early = new ArrayList<>();
    private State state = State.AWAITING_AUTH;
    private boolean admitted;
    private final SocketOutput frames = SocketOutput.text();
    private volatile @Nullable HostConnection connection;
    private volatile @Nullable ViewSync viewSync;
    private @Nullable HistorySubscription history;
    private final SocketChannels channels;

    /**
     * An endpoint for {@code address}, connecting with {@code mode} (so {@code get} refuses an absent
     * actor with close 4004); {@code headerCaller} is the caller of a valid Authorization header, or
     * null to wait for the first frame.
     */
    SocketEndpoint(Gateway gateway, Address address, CreateMode mode, @Nullable Caller headerCaller,
                          Map<String, Object> queryParams) {
        this.gateway = gateway;
        this.address = address;
        this.mode = mode;
        this.type = gateway.host().type(address.type());
        this.headerCaller = headerCaller;
        this.queryParams = queryParams;
        this.channels = new SocketChannels(gateway.host(), frames::send);
    }

    // ---- Jetty's side -------------------------------------------------------------------------

    @Override
    public void onWebSocketOpen(Session opened) {
        frames.open(opened, gateway.config().outboundQueueLimit(), this::slowConsumer, this::writeFailed);
        gateway.streams().opened(this, StreamRegistry.Kind.WEBSOCKET);
        synchronized (this) {
            if (gateway.isClosing()) {
                end(new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down"));
            } else if (headerCaller != null) {
                connect(headerCaller, queryParams);
            }
        }
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode frame;
        try {
            frame = Targets.parse(text);
        } catch (TroupeException e) {
            reply(null, e);
            return;
        }
        if (!frame.isObject()) {
            reply(null, new TroupeException(ErrorCode.INVALID_REQUEST, "a frame must be a JSON object"));
            return;
        }
        synchronized (this) {
            switch (state) {
                case AWAITING_AUTH -> {
                    if ("auth".equals(frame.path("type").asText(null))) {
                        authenticate(frame);
                    } else {
                        hold(frame);
                        connect(Authenticator.anonymous(), queryParams);
                    }
                }
                case CONNECTING -> hold(frame);
                case OPEN -> dispatch(frame);
                case CLOSED -> LOG.debug("frame after close on {} ignored", address);
            }
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        reply(null, new TroupeException(ErrorCode.INVALID_REQUEST, "binary frames are not supported; send JSON text"));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error on {}: {}", address, cause.toString());
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
            frame = EVENT_FRAMES.text(name, args);
        } catch (IllegalArgumentException e) {
            LOG.error("event '{}' of {} is not serialisable; it is not sent", name, address, e);
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
    public void view(@Nullable Object view) {
        ViewSync sync = viewSync;
        if (sync != null) {
            offerView(sync, view);
        }
    }

    private void offerView(ViewSync sync, @Nullable Object view) {
        try {
            sync.next(view, frame -> frames.send(frame.toString()));
        } catch (IllegalArgumentException e) {
            reply(null, WireErrors.from(e, "view of " + address + " (not JSON-serialisable)"));
        }
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
        frames.close(CloseCodes.GOING_AWAY, "server shutting down");
        detach();
    }

    // ---- states -------------------------------------------------------------------------------

    private void authenticate(JsonNode frame) {
        JsonNode token = frame.get("token");
        Caller caller;
        Map<String, Object> params;
        try {
            params = frame.has("params") ? Targets.params(frame.get("params")) : queryParams;
            if (token == null || token.isNull()) {
                caller = Authenticator.anonymous();
            } else if (!token.isTextual()) {
                throw new TroupeException(ErrorCode.UNAUTHORIZED, "the auth frame's token must be a string");
            } else {
                caller = gateway.authenticator().verify(token.asText());
            }
        } catch (TroupeException e) {
            if (e.is(ErrorCode.INVALID_REQUEST)) {
                reply(null, e);
            } else {
                end(e);
            }
            return;
        }
        connect(caller, params);
    }

    /** Starts connecting; the runtime's answer may arrive on this thread, before this method returns. */
    private void connect(Caller caller, Map<String, Object> params) {
        state = State.CONNECTING;
        try {
            gateway.streams().admit(address);
        } catch (TroupeException e) {
            end(e);
            return;
        }
        admitted = true;
        gateway.host().connect(address, caller, params, this, mode, Input.none())
                .orTimeout(gateway.config().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(this::connected);
    }

    private synchronized void connected(@Nullable HostConnection opened, @Nullable Throwable failure) {
        if (failure != null) {
            end(WireErrors.from(failure, "connect to " + address));
            return;
        }
        if (state == State.CLOSED) {
            opened.close();
            return;
        }
        connection = opened;
        state = State.OPEN;
        frames.send(Frames.welcome(opened.actorId(), opened.id()));
        early.forEach(frames::send);
        early.clear();
        List<JsonNode> waiting = List.copyOf(held);
        held.clear();
        waiting.forEach(this::dispatch);
    }

    private void hold(JsonNode frame) {
        if (held.size() >= MAX_HELD_FRAMES) {
            reply(id(frame), new TroupeException(ErrorCode.INVALID_REQUEST,
                    "too many frames before the welcome frame; wait for it", Map.of("limit", MAX_HELD_FRAMES)));
            return;
        }
        held.add(frame);
    }

    /** Ends the connection: an error frame with id null, then the close code of the error. */
    private void end(TroupeException error) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        gateway.metrics().error(error.error().qualifiedCode());
        int code = CloseCodes.forStatus(error.status());
        String reason = error.error().qualifiedCode();
        frames.closeAfter(Frames.error(null, error.error()), code, reason);
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
            if (history != null) {
                history.stop();
            }
            channels.clear();
            if (admitted) {
                admitted = false;
                gateway.streams().release(address);
            }
        }
        frames.shutdown();
        HostConnection attached = connection;
        if (attached != null) {
            attached.close();
        }
        gateway.streams().closed(this);
    }

    // ---- frames -------------------------------------------------------------------------------

    private void dispatch(JsonNode frame) {
        JsonNode id = frame.get("id");
        if (id != null && !id.isNull() && !id.isIntegralNumber() && !id.isTextual()) {
            reply(null, new TroupeException(ErrorCode.INVALID_REQUEST, "a frame id must be an integer or a string"));
            return;
        }
        JsonNode typeNode = frame.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            reply(id(frame), new TroupeException(ErrorCode.INVALID_REQUEST, "a frame needs a string 'type'"));
            return;
        }
        try {
            switch (typeNode.asText()) {
                case "action" -> action(frame);
                case "enqueue" -> enqueue(frame);
                case "subscribe" -> subscription(frame, true);
                case "unsubscribe" -> subscription(frame, false);
                case "view" -> startViewSync(frame);
                case "wait" -> startWait(frame);
                case "history" -> followHistory(frame);
                case "stopHistory" -> stopHistory(frame);
                case "channel.open" -> channels.open(frame, connection);
                case "channel.message" -> channels.message(frame);
                case "channel.close" -> channels.close(frame);
                case "auth" -> throw new TroupeException(ErrorCode.INVALID_REQUEST,
                        "already authenticated: an auth frame must be the first frame, without an Authorization header");
                default -> throw new TroupeException(ErrorCode.INVALID_REQUEST,
                        "unknown frame type '" + typeNode.asText() + "'", Map.of("frameType", typeNode.asText()));
            }
        } catch (TroupeException e) {
            reply(id(frame), e);
        }
    }

    private void action(JsonNode frame) {
        JsonNode id = id(frame);
        if (id == null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "an action frame needs an id");
        }
        HostedAction action = type.action(text(frame, "name"));
        Object[] args = action.decodeArgs(frame.get("args"));
        if (gateway.isClosing()) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down");
        }
        HostConnection attached = connection;
        gateway.inFlight().begin();
        gateway.host().call(address, action, args, attached.caller(), CreateMode.GET, Input.none(), attached)
                .orTimeout(gateway.config().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((output, failure) -> {
                    try {
                        if (failure != null) {
                            reply(id, WireErrors.from(failure, "action " + action.name() + " of " + address));
                        } else {
                            frames.send(Frames.result(id, output));
                        }
                    } catch (IllegalArgumentException e) {
                        reply(id, WireErrors.from(e, "result of " + action.name() + " of " + address));
                    } finally {
                        gateway.inFlight().end();
                    }
                });
    }

    /**
     * {@code {"type":"enqueue","id":n,"queue":…,"message":…}}: enqueues to the actor's queue as the
     * socket's caller and answers {@code {"queue":…}} once the message is durable. The socket's frames
     * wait meanwhile, so a socket's enqueues keep their order.
     */
    private void enqueue(JsonNode frame) {
        JsonNode id = id(frame);
        if (id == null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "an enqueue frame needs an id");
        }
        String queue = text(frame, "queue");
        if (!frame.has("message")) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "an enqueue frame needs a 'message'",
                    Map.of("field", "message"));
        }
        if (gateway.isClosing()) {
            throw new TroupeException(ErrorCode.UNAVAILABLE, "the server is shutting down");
        }
        gateway.inFlight().begin();
        try {
            gateway.host().enqueue(address, queue, frame.get("message"), connection.caller());
            frames.send(Frames.result(id, Map.of("queue", queue)));
        } finally {
            gateway.inFlight().end();
        }
    }

    private void subscription(JsonNode frame, boolean subscribe) {
        String event = text(frame, "event");
        HostConnection attached = connection;
        if (subscribe) {
            type.checkSubscription(attached.caller(), event);
            attached.subscribe(event);
        } else {
            attached.unsubscribe(event);
        }
        JsonNode id = id(frame);
        if (id != null) {
            frames.send(Frames.result(id, null));
        }
    }

    private void startViewSync(JsonNode frame) {
        JsonNode checksum = frame.get("checksum");
        if (checksum != null && !checksum.isNull() && !checksum.isTextual()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a view frame's checksum must be a string");
        }
        HostConnection attached = connection;
        attached.syncViews(true);
        JsonNode id = id(frame);
        ViewSync sync = new ViewSync(checksum == null || checksum.isNull() ? null : checksum.asText());
        viewSync = sync;
        attached.view()
                .orTimeout(gateway.config().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((view, failure) -> {
                    if (failure != null) {
                        reply(id, WireErrors.from(failure, "view of " + address));
                    } else {
                        offerView(sync, view);
                    }
                });
    }

    /**
     * Runs a {@link WaitFrame} on a virtual thread, since a {@link ViewWait} blocks: it answers a result
     * with the view snapshot once the state or event comes, else an error frame such as
     * {@code machine/wait_timeout}.
     */
    private void startWait(JsonNode frame) {
        JsonNode id = id(frame);
        if (id == null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a wait frame needs an id");
        }
        WaitFrame wait = WaitFrame.parse(frame);
        Caller caller = connection.caller();
        Thread.ofVirtual().name("ws-wait-" + address).start(() -> {
            try {
                frames.send(Frames.result(id, Frames.snapshot(ViewWait.await(gateway, address, caller, CreateMode.GET,
                        Input.none(), wait.condition(), wait.timeout()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.debug("wait on {} interrupted", address, e);
            } catch (RuntimeException e) {
                reply(id, WireErrors.from(e, "wait on " + address));
            }
        });
    }

    /**
     * Starts the socket's subscription to the actor's history ({@link HistorySubscription}), which
     * authorises {@code #history} itself, off this thread.
     */
    private void followHistory(JsonNode frame) {
        JsonNode id = id(frame);
        if (id == null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a history frame needs an id");
        }
        JsonNode from = frame.get("from");
        boolean absent = from == null || from.isNull();
        if (!absent && !(from.isIntegralNumber() && from.canConvertToLong() && from.asLong() >= 0)) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "a history frame's from must be an integer seq from 0",
                    Map.of("field", "from"));
        }
        if (history != null && history.running()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "this socket already follows the history",
                    Map.of("field", "type"));
        }
        history = HistorySubscription.start(gateway, address, connection.caller(), id, absent ? 0 : from.asLong(),
                frames.outbox(), this::reply);
    }

    /**
     * Stops the socket's history subscription, if one runs, and acknowledges a frame with an id once it
     * has stopped: no history frame of it follows the acknowledgement. Waiting for that happens off this
     * thread; a new history frame may start another subscription at once.
     */
    private void stopHistory(JsonNode frame) {
        JsonNode id = id(frame);
        HistorySubscription stopping;
        synchronized (this) {
            stopping = history;
            history = null;
        }
        Thread.ofVirtual().name("ws-history-stop-" + address).start(() -> {
            if (stopping != null) {
                stopping.stopAndWait();
            }
            if (id != null) {
                frames.send(Frames.result(id, null));
            }
        });
    }

    private static @Nullable JsonNode id(JsonNode frame) {
        JsonNode id = frame.get("id");
        return id == null || id.isNull() || !(id.isIntegralNumber() || id.isTextual()) ? null : id;
    }

    private static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the frame needs a non-empty string '" + field + "'",
                    Map.of("field", field));
        }
        return value.asText();
    }

    // ---- output -------------------------------------------------------------------------------

    private void reply(@Nullable JsonNode id, TroupeException error) {
        gateway.metrics().error(error.error().qualifiedCode());
        frames.send(Frames.error(id, error.error()));
    }

    private void slowConsumer() {
        LOG.info("WebSocket client of {} is too slow ({} frames queued); closing with {}", address,
                gateway.config().outboundQueueLimit(), CloseCodes.SLOW_CONSUMER);
        gateway.metrics().error(ErrorCode.SLOW_CONSUMER.qualified());
        synchronized (this) {
            state = State.CLOSED;
        }
        frames.close(CloseCodes.SLOW_CONSUMER, CloseCodes.SLOW_CONSUMER_REASON);
        detach();
    }

    private void writeFailed(Throwable failure) {
        LOG.debug("write to WebSocket client of {} failed: {}", address, failure.toString());
        detach();
    }
}
