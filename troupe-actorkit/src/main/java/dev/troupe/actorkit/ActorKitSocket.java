package dev.troupe.actorkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.SocketOutput;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.view.ViewSync;
import dev.troupe.server.wire.Targets;
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
 * One Actor Kit WebSocket: a Troupe connection with view sync, whose views become Actor Kit's
 * {operations, checksum} messages.
 *
 * On open the connection is made (the actor's connect hooks run; a machine hears CONNECT) and the
 * first view is sent in full as three "add" operations (/public, /private, /value), whatever checksum
 * the client gave: actor-kit 0.47 resends the checksum of its server-rendered snapshot on every
 * reconnect, and an equal checksum can still hide changes it missed while disconnected. After that
 * every durable change that alters this caller's snapshot is an RFC 6902 diff (add, remove, replace:
 * ViewSync's diff without move and copy); a change that leaves it as it was sends nothing. The
 * checksum is SHA-256 of the caller snapshot's canonical JSON.
 *
 * Inbound text frames (and binary frames of UTF-8 JSON) are raw events {type, ...}; there is no
 * envelope and no acknowledgement, so an invalid or refused event is logged at debug, counted in the
 * error metrics and dropped: an error message would reach the client's onError as a patch failure.
 * Events that arrive before the connection is made are held (at most 64) and sent once it is.
 */

/**
 * The WebSocket endpoint of one Actor Kit client connection. Public only because Jetty calls its
 * listener methods reflectively; not part of the API (the adapter creates it).
 */
public final class ActorKitSocket implements Session.Listener.AutoDemanding, ConnectionSink, Stream {
    private static final Logger LOG = LoggerFactory.getLogger(ActorKitSocket.class);
    private static final int MAX_HELD_EVENTS = 64;
    private static final int GOING_AWAY = 1001;
    private static final int POLICY_VIOLATION = 1008;
    private static final int SERVER_ERROR = 1011;

    private final Gateway gateway;
    private final Served served;
    private final Caller caller;
    private final ViewSync sync = new ViewSync(null);
    private final List<String> held = new ArrayList<>();
    private boolean closed;
    private boolean released;
    private final SocketOutput output = SocketOutput.text();
    private volatile @Nullable HostConnection connection;

    ActorKitSocket(Gateway gateway, Served served, Caller caller) {
        this.gateway = gateway;
        this.served = served;
        this.caller = caller;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        output.open(opened, gateway.config().outboundQueueLimit(), this::slowConsumer, this::writeFailed);
        gateway.streams().opened(this, StreamRegistry.Kind.WEBSOCKET);
        gateway.host().connect(served.address(), caller, Map.of(), this, CreateMode.GET_OR_CREATE, Input.none())
                .orTimeout(gateway.config().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(this::connected);
    }

    private void connected(@Nullable HostConnection opened, @Nullable Throwable failure) {
        if (failure != null) {
            end(WireErrors.from(failure, "connect to " + served.address()));
            return;
        }
        List<String> waiting;
        synchronized (this) {
            if (closed) {
                opened.close();
                return;
            }
            connection = opened;
            waiting = List.copyOf(held);
            held.clear();
        }
        opened.syncViews(true);
        opened.view().whenComplete((view, error) -> {
            if (error != null) {
                end(WireErrors.from(error, "snapshot of " + served.address()));
            } else {
                view(view);
            }
        });
        waiting.forEach(this::dispatch);
    }

    @Override
    public void onWebSocketText(String text) {
        received(text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        String text = StandardCharsets.UTF_8.decode(payload).toString();
        callback.succeed();
        received(text);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Actor Kit WebSocket error: {}", cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        detach();
        callback.succeed();
    }

    private void received(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (connection == null) {
                if (held.size() < MAX_HELD_EVENTS) {
                    held.add(text);
                } else {
                    dropped(new TroupeException(ErrorCode.INVALID_REQUEST, "too many events before the connection opened"));
                }
                return;
            }
        }
        dispatch(text);
    }

    private void dispatch(String text) {
        HostConnection via = connection;
        Served.Call call;
        try {
            call = served.call(Targets.parse(text));
        } catch (TroupeException e) {
            dropped(e);
            return;
        }
        gateway.inFlight().begin();
        gateway.host().call(served.address(), call.action(), call.args(), caller, CreateMode.GET, Input.none(), via)
                .orTimeout(gateway.config().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((output, failure) -> {
                    try {
                        if (failure != null) {
                            dropped(WireErrors.from(failure, "event of " + served.address()));
                        }
                    } finally {
                        gateway.inFlight().end();
                    }
                });
    }

    private void dropped(TroupeException error) {
        gateway.metrics().error(error.error().qualifiedCode());
        LOG.debug("Actor Kit event to {} dropped: {}", served.address(), error.error().qualifiedCode());
    }

    // ---- the runtime's side -------------------------------------------------------------------

    @Override
    public void view(@Nullable Object view) {
        JsonNode snapshot;
        try {
            snapshot = served.snapshot(view);
        } catch (RuntimeException e) {
            LOG.error("the Actor Kit snapshot of {} failed; closing the connection", served.address(), e);
            end(new TroupeException(ErrorCode.INTERNAL_ERROR, "internal error; see the server log"));
            return;
        }
        sync.next(snapshot, frame -> output.send(message(frame)));
    }

    /** Actor Kit's message for a ViewSync frame: the full value as "add" operations, or the patch. */
    private static String message(ObjectNode frame) {
        ObjectNode out = Json.mapper().createObjectNode();
        JsonNode value = frame.get("value");
        ArrayNode operations;
        if (value != null) {
            operations = out.putArray("operations");
            value.properties().forEach(field -> operations.addObject().put("op", "add").put("path", "/" + field.getKey())
                    .set("value", field.getValue()));
        } else {
            out.set("operations", frame.get("patch"));
        }
        out.put("checksum", frame.get("checksum").asText());
        return out.toString();
    }

    @Override
    public void event(String name, List<Object> args) {
        // Actor Kit's client has no events: it sees changes through its snapshot only
    }

    @Override
    public void closed(ActorError reason) {
        end(new TroupeException(reason, WireErrors.status(reason)));
    }

    @Override
    public void goingAway() {
        output.close(GOING_AWAY, "the server is going away");
        detach();
    }

    // ---- output -------------------------------------------------------------------------------

    private void end(TroupeException error) {
        gateway.metrics().error(error.error().qualifiedCode());
        output.close(error.status() >= 500 ? SERVER_ERROR : POLICY_VIOLATION, error.error().qualifiedCode());
        detach();
    }

    private void detach() {
        boolean release;
        synchronized (this) {
            closed = true;
            held.clear();
            release = !released;
            released = true;
        }
        if (release) {
            gateway.streams().release(served.address());
        }
        output.shutdown();
        HostConnection attached = connection;
        if (attached != null) {
            attached.close();
        }
        gateway.streams().closed(this);
    }

    private void slowConsumer() {
        LOG.info("Actor Kit WebSocket client is too slow ({} messages queued); closing", gateway.config().outboundQueueLimit());
        gateway.metrics().error(ErrorCode.SLOW_CONSUMER.qualified());
        output.close(POLICY_VIOLATION, "connection.slow_consumer");
        detach();
    }

    private void writeFailed(Throwable failure) {
        LOG.debug("write to Actor Kit WebSocket client failed: {}", failure.toString());
        detach();
    }
}
