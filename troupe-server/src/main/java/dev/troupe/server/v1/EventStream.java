package dev.troupe.server.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.AccessRule;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.EventMemo;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.wire.WireErrors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * GET /v1/actors/{type}/events: an actor's events as server-sent events.
 *
 * The stream is a connection like a WebSocket's (onBeforeConnect/onConnect run, the actor stays awake)
 * subscribed to the events named by repeated ?event= parameters, or to all without one. Each event is
 * "id: <stream>-<seq>", "event: <name>" and "data: <the args as a JSON array>". Comments (lines starting
 * with ':') carry the welcome (actor and connection ids, with the id of the stream's position) and
 * keep-alives every 15 s. When the actor or the server ends the stream, a last "event: troupe.closed"
 * carries the error body of the reason (actor/not_found once the actor is destroyed). Browsers cannot
 * set headers on EventSource, so a short-lived token (expiring within 5 minutes) may come as ?token=.
 *
 * Resuming. A stream outlives its HTTP response: when the client goes away (a failed write or request),
 * the stream stays attached to the actor for the resume window, keeping its latest events in a bounded
 * replay buffer. A request whose Last-Event-ID names a stream the server holds, for the same caller and
 * actor, takes it over: it gets the events after that id, then the live ones; a response still open
 * for the stream (the server may not have noticed the client leave) is completed. If the buffer no
 * longer reaches back to that id, the stream says "event: troupe.reset" (reason too_old) and goes on.
 * A Last-Event-ID the server does not hold (the window passed, the stream ended, another server or
 * process sent it) opens a new stream that starts with "event: troupe.reset" (reason unknown); the
 * client should resync (read the view). A request with Last-Event-ID never creates the actor, whatever
 * ?mode= says: a reconnect after a destroy is 404 actor/not_found, so a stream never resurrects an
 * actor. Once the window passes without a resume, the connection closes and onDisconnect runs.
 */

/** One server-sent events stream attached to an actor; its HTTP responses come and go as the client reconnects. */
final class EventStream implements ConnectionSink, Stream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final EventMemo MESSAGES = new EventMemo(EventStream::message);
    /** Why a resume could not continue where the client left off. */
    private static final String UNKNOWN = "unknown";
    private static final String TOO_OLD = "too_old";
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final Gateway gateway;
    private final EventStreams streams;
    private final String id;
    private final Address address;
    private final Caller caller;
    private volatile @Nullable HostConnection connection;
    private volatile @Nullable ScheduledFuture<?> keepAlive;
    /* Guarded by this: */
    private final ReplayBuffer replay;
    private @Nullable EventStreamResponse attached;
    private @Nullable ScheduledFuture<?> expiry;
    private long seq;
    private boolean ended;
    /** The {@code troupe.closed} message, once the stream ended for a reason. */
    private @Nullable String farewell;

    private EventStream(Gateway gateway, EventStreams streams, Address address, Caller caller) {
        this.gateway = gateway;
        this.streams = streams;
        this.id = EventId.newStream();
        this.address = address;
        this.caller = caller;
        this.replay = new ReplayBuffer(gateway.config().sseReplayEvents());
    }

    /** Serves the route: resumes or connects, then streams until the client, the actor or the server ends it. */
    static void serve(Exchange ex, Target target, EventStreams streams) throws InterruptedException {
        Gateway gateway = ex.gateway();
        Caller caller = caller(ex);
        Address address = Addressing.address(ex, target);
        CreateMode mode = Addressing.mode(ex, target, CreateMode.GET_OR_CREATE);
        List<String> events = ex.queryValues("event");
        for (String event : events) {
            if (event.isEmpty()) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "event names must not be empty");
            }
            gateway.host().type(address.type()).checkSubscription(caller, event);
        }
        @Nullable EventId resumeFrom = EventId.lastEventId(ex.request().getHeaders().get(LAST_EVENT_ID));
        if (ex.isHead()) {
            head(ex, address, caller);
            return;
        }
        if (resumeFrom != null) {
            @Nullable EventStream held = streams.get(resumeFrom.stream());
            if (held != null && held.resume(ex, caller, address, resumeFrom.seq())) {
                return;
            }
            mode = CreateMode.GET;
        }
        gateway.streams().admit(address);
        EventStream stream = new EventStream(gateway, streams, address, caller);
        HostConnection connection;
        try {
            connection = gateway.host().connect(address, caller, Map.of(), stream, mode, Input.none())
                    .get(gateway.config().callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            gateway.streams().release(address);
            throw WireErrors.from(e, "GET " + ex.route());
        }
        stream.open(ex, connection, events.isEmpty() ? List.of("*") : events, resumeFrom != null);
    }

    /** {@code HEAD}: the headers of a stream, after the checks that need no connection; never connects or creates. */
    private static void head(Exchange ex, Address address, Caller caller) {
        ex.gateway().host().authorize(address, caller, AccessRule.CONNECT);
        ex.response().setStatus(200);
        ex.response().getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        ex.response().getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        ex.answered(200);
        ex.callback().succeeded();
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

    private void open(Exchange ex, HostConnection opened, List<String> events, boolean unknownId) {
        connection = opened;
        events.forEach(opened::subscribe);
        synchronized (this) {
            EventStreamResponse response = new EventStreamResponse(ex, this::lost);
            if (ended) {
                // The actor ended the connection before the stream opened: say so, and register nothing.
                if (farewell == null) {
                    response.complete(null);
                } else {
                    response.finish(farewell);
                }
                return;
            }
            streams.add(id, this);
            gateway.streams().opened(this, StreamRegistry.Kind.SSE);
            attached = response;
            response.offer(welcome(false));
            if (unknownId) {
                response.offer(reset(UNKNOWN, "the server no longer holds the stream of that Last-Event-ID (its "
                        + "resume window passed, or it ended); this is a new stream: resync, then read on"));
            }
            response.watch(ex);
        }
        keepAlive = gateway.ticker().scheduleAtFixedRate(() -> offer(": keep-alive\n\n"),
                KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        if (isEnded()) {
            keepAlive.cancel(false);
        }
        if (gateway.isClosing()) {
            goingAway();
        }
    }

    /**
     * Takes the stream over for {@code ex} if it may (the same caller and actor, an id not past the
     * newest): sends the events after {@code after}, or a reset if they are no longer kept; false if it
     * may not, or the stream has ended.
     */
    private boolean resume(Exchange ex, Caller by, Address to, long after) {
        if (by.type() != caller.type() || !by.id().equals(caller.id()) || !to.equals(address)) {
            return false;
        }
        EventStreamResponse previous;
        synchronized (this) {
            if (ended || after > seq) {
                return false;
            }
            if (expiry != null) {
                expiry.cancel(false);
                expiry = null;
            }
            previous = attached;
            EventStreamResponse response = new EventStreamResponse(ex, this::lost);
            attached = response;
            response.offer(welcome(true));
            List<String> missed = replay.after(after, seq);
            if (missed == null) {
                response.offer(reset(TOO_OLD, "the events after that Last-Event-ID are no longer kept (the stream "
                        + "keeps its latest " + gateway.config().sseReplayEvents() + "); resync, then read on"));
            } else {
                missed.forEach(response::offer);
            }
            response.watch(ex);
        }
        if (previous != null) {
            previous.complete(null);
        }
        return true;
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
        synchronized (this) {
            if (ended) {
                return;
            }
            seq++;
            String text = "id: " + new EventId(id, seq) + "\n" + message;
            replay.add(seq, text);
            if (attached != null) {
                attached.offer(text);
            }
        }
    }

    /** The SSE lines of an event after its id; throws IllegalArgumentException if the args are not serialisable. */
    private static String message(String name, List<Object> args) {
        String data;
        try {
            data = Json.mapper().writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        return "event: " + name.replaceAll("[\r\n]", " ") + "\ndata: " + data + "\n\n";
    }

    /** The welcome comment, with the id of the stream's position so that a resume starts there. Guarded by this. */
    private String welcome(boolean resumed) {
        HostConnection open = connection;
        ObjectNode welcome = Json.mapper().createObjectNode();
        welcome.put("actorId", open == null ? "" : open.actorId());
        welcome.put("connectionId", open == null ? "" : open.id());
        if (resumed) {
            welcome.put("resumed", true);
        }
        return ": welcome " + welcome + "\nid: " + new EventId(id, seq) + "\n\n";
    }

    /** A {@code troupe.reset} event: the client missed events and should resync. Guarded by this. */
    private String reset(String reason, String message) {
        ObjectNode data = Json.mapper().createObjectNode().put("reason", reason).put("message", message);
        return "id: " + new EventId(id, seq) + "\nevent: troupe.reset\ndata: " + data + "\n\n";
    }

    private synchronized void offer(String text) {
        if (attached != null) {
            attached.offer(text);
        }
    }

    private synchronized boolean isEnded() {
        return ended;
    }

    @Override
    public void closed(ActorError reason) {
        end(reason);
    }

    @Override
    public void goingAway() {
        end(ActorError.of(ErrorCode.UNAVAILABLE, "the server is shutting down"));
    }

    /** The client of {@code response} went away: wait for it to resume, for the resume window. */
    private void lost(EventStreamResponse response) {
        long windowNanos = gateway.config().sseResumeWindow().toNanos();
        synchronized (this) {
            if (attached != response || ended) {
                return;
            }
            attached = null;
            if (windowNanos > 0) {
                expiry = gateway.ticker().schedule(this::expire, windowNanos, TimeUnit.NANOSECONDS);
                return;
            }
        }
        end(null);
    }

    private void expire() {
        synchronized (this) {
            if (attached != null) {
                return;
            }
        }
        end(null);
    }

    /**
     * Ends the stream once: tells an attached client why ({@code troupe.closed}, unless {@code reason}
     * is null), detaches from the actor and the registries.
     */
    private void end(@Nullable ActorError reason) {
        EventStreamResponse last;
        @Nullable String closing;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            last = attached;
            attached = null;
            if (expiry != null) {
                expiry.cancel(false);
            }
            closing = reason == null ? null
                    : "id: " + new EventId(id, seq) + "\nevent: troupe.closed\ndata: " + WireErrors.body(reason) + "\n\n";
            farewell = closing;
        }
        ScheduledFuture<?> ticking = keepAlive;
        if (ticking != null) {
            ticking.cancel(false);
        }
        streams.remove(id, this);
        HostConnection open = connection;
        if (open != null) {
            open.close();
        }
        gateway.streams().closed(this);
        gateway.streams().release(address);
        if (last != null) {
            if (closing == null) {
                last.complete(null);
            } else {
                last.finish(closing);
            }
        }
    }
}
