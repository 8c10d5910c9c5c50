package dev.troupe.server.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.HostConnection;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.EventMemo;
import dev.troupe.server.stream.Outbox;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.wire.WireErrors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * GET /v1/actors/{type}/events: an actor's events as server-sent events.
 *
 * The stream is a connection like a WebSocket's (onBeforeConnect/onConnect run, the actor stays awake)
 * subscribed to the events named by repeated ?event= parameters, or to all without one. Each event is
 * "event: <name>" and "data: <the args as a JSON array>". Comments (lines starting with ':') carry the
 * welcome (actor and connection ids), keep-alives every 15 s and the reason when the server ends the
 * stream; EventSource ignores them. Browsers cannot set headers on EventSource, so a short-lived token
 * (expiring within 5 minutes) may come as ?token=.
 *
 * Writes go through an Outbox, so the runtime never blocks on a slow reader; a reader that falls
 * behind by more than the outbound limit is cut off. A failed write (the client left) or a request
 * failure closes the actor connection, which runs onDisconnect.
 */

/** One server-sent events stream attached to an actor. */
final class EventStream implements ConnectionSink, Stream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final EventMemo MESSAGES = new EventMemo(EventStream::message);

    private final Gateway gateway;
    private final Address address;
    private final Response response;
    private final Callback callback;
    private final Outbox outbox;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile @Nullable HostConnection connection;
    private volatile @Nullable ScheduledFuture<?> keepAlive;

    private EventStream(Gateway gateway, Address address, Response response, Callback callback) {
        this.gateway = gateway;
        this.address = address;
        this.response = response;
        this.callback = callback;
        this.outbox = new Outbox(this::write, gateway.config().outboundQueueLimit(), this::slowConsumer,
                this::writeFailed);
    }

    /** Serves the route: connects, then streams until the client, the actor or the server ends it. */
    static void serve(Exchange ex, String typeName) throws InterruptedException {
        ex.requireMethod("GET");
        Gateway gateway = ex.gateway();
        Caller caller = caller(ex);
        Address address = Addressing.address(ex, typeName);
        CreateMode mode = Addressing.mode(ex, CreateMode.GET_OR_CREATE);
        List<String> events = ex.queryValues("event");
        for (String event : events) {
            if (event.isEmpty()) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "event names must not be empty");
            }
        }
        gateway.streams().admit(address);
        EventStream stream = new EventStream(gateway, address, ex.response(), ex.callback());
        HostConnection connection;
        try {
            connection = gateway.host().connect(address, caller, Map.of(), stream, mode, Input.none())
                    .get(gateway.config().callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            gateway.streams().release(address);
            throw WireErrors.from(e, "GET " + ex.route());
        }
        stream.start(ex, connection, events.isEmpty() ? List.of("*") : events);
    }

    private static Caller caller(Exchange ex) {
        String token = ex.queryValue("token");
        if (token == null) {
            return ex.caller();
        }
        if (ex.authorization() != null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST,
                    "send the token in the Authorization header or in ?token=, not both");
        }
        return ex.gateway().authenticator().fromQueryToken(token);
    }

    private void start(Exchange ex, HostConnection opened, List<String> events) {
        connection = opened;
        events.forEach(opened::subscribe);
        gateway.streams().opened(this, StreamRegistry.Kind.SSE);
        ex.request().addFailureListener(failure -> end(null));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        gateway.metrics().request("GET", ex.route(), 200);
        ObjectNode welcome = Json.mapper().createObjectNode();
        welcome.put("actorId", opened.actorId());
        welcome.put("connectionId", opened.id());
        outbox.offer(": welcome " + welcome + "\n\n");
        keepAlive = gateway.ticker().scheduleAtFixedRate(() -> outbox.offer(": keep-alive\n\n"),
                KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        if (ended.get()) {
            keepAlive.cancel(false);
        }
        if (gateway.isClosing()) {
            goingAway();
        }
    }

    @Override
    public void event(String name, List<Object> args) {
        String message;
        try {
            message = MESSAGES.text(name, args);
        } catch (IllegalArgumentException e) {
            LOG.error("event '{}' of {} is not serialisable; it is not sent", name, address, e);
            return;
        }
        outbox.offer(message);
    }

    /** The SSE message of an event; throws IllegalArgumentException if the args are not serialisable. */
    private static String message(String name, List<Object> args) {
        String data;
        try {
            data = Json.mapper().writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        return "event: " + name.replaceAll("[\r\n]", " ") + "\ndata: " + data + "\n\n";
    }

    @Override
    public void closed(ActorError reason) {
        end(reason);
    }

    @Override
    public void goingAway() {
        end(ActorError.of(ErrorCode.UNAVAILABLE, "the server is shutting down"));
    }

    private void slowConsumer() {
        LOG.info("SSE client of {} is too slow ({} messages queued); ending its stream", address,
                gateway.config().outboundQueueLimit());
        gateway.metrics().error(ErrorCode.SLOW_CONSUMER.qualified());
        complete(new TroupeException(ErrorCode.UNAVAILABLE, "slow consumer"));
    }

    private void writeFailed(String text, Throwable failure) {
        LOG.debug("SSE client of {} is gone: {}", address, failure.toString());
        complete(failure);
    }

    /** Ends the stream after telling the client why in a comment line; at once if reason is null. */
    private void end(@Nullable ActorError reason) {
        if (reason == null || !outbox.offer(": closed " + WireErrors.body(reason) + "\n\n", () -> complete(null))) {
            complete(reason == null ? new TroupeException(ErrorCode.UNAVAILABLE, "the request failed") : null);
        }
    }

    /** Completes the response once: detaches from the actor and the registry. */
    private void complete(@Nullable Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        outbox.close();
        ScheduledFuture<?> ticking = keepAlive;
        if (ticking != null) {
            ticking.cancel(false);
        }
        HostConnection open = connection;
        if (open != null) {
            open.close();
        }
        gateway.streams().closed(this);
        gateway.streams().release(address);
        if (failure == null) {
            callback.succeeded();
        } else {
            callback.failed(failure);
        }
    }

    private void write(String text, Outbox.Completion done) {
        response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)),
                Callback.from(() -> done.complete(null), done::complete));
    }
}
