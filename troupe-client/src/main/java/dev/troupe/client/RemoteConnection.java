package dev.troupe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatchException;
import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.EventListener;
import dev.troupe.TroupeException;
import dev.troupe.store.HistoryEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * A WebSocket connection to one actor that survives the loss of its socket.
 *
 * Each physical socket opens with an auth frame (token and params), waits for the welcome frame, then
 * replays what the application asked for: a subscribe frame per event with listeners, and, if views
 * are synced, a view frame carrying the checksum of the view this client holds, so an unchanged view
 * costs one empty patch and a changed one arrives in full. Calls made while no socket is open wait for
 * the next welcome; calls in flight when a socket drops fail with actor/unavailable, because whether
 * they ran cannot be known.
 *
 * When a socket closes for any reason but a final one (the application closed it; 4000 refused,
 * 4001 unauthorized, 4003 forbidden, 4004 the actor is gone), the next attempt waits an exponential,
 * jittered delay (Backoff), reset by every welcome.
 *
 * View frames are applied to the local copy: a value replaces it, a patch (RFC 6902) updates it. The
 * checksum of the result must equal the frame's and seq must follow the last one (a new sync starts
 * at 1); otherwise the client asks for the full view again.
 */

/**
 * A live WebSocket connection to one actor: its events, its view for this caller and calls, with
 * automatic reconnection. Obtained from {@link TroupeClient#open}.
 *
 * <p>Thread-safe. Listeners run on the client's WebSocket thread, in the order the server sent the
 * frames; they must return quickly. After a reconnect, events broadcast while no socket was open are
 * lost (events are not replayed); the view is brought up to date.
 */
public final class RemoteConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteConnection.class);
    /**
     * The close codes after which this client does not reconnect: 4000 refused, 4001 unauthorized (it
     * cannot fetch a new token), 4003 forbidden, 4004 the actor is gone (see {@code docs/protocol.md}).
     */
    private static final Set<Integer> FINAL_CLOSE_CODES = Set.of(4000, 4001, 4003, 4004);
    /** The close code reported for a socket that dropped or never opened, without a close frame (RFC 6455). */
    static final int ABNORMAL_CLOSE = 1006;

    /** The states of a connection. */
    public enum State {
        /** The first socket is opening. */
        CONNECTING,
        /** Welcomed: frames flow. */
        OPEN,
        /** The socket was lost; a new one is being opened after a backoff delay. */
        RECONNECTING,
        /** Closed by the application or refused for good; see {@link #closeReason()}. */
        CLOSED
    }

    /** A registration that can be undone. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Undoes the registration. Idempotent. */
        @Override
        void close();
    }

    private record PendingCall(long id, String frame, CompletableFuture<JsonNode> reply) {
    }

    private record PendingChannel(long name, String frame, ChannelListener listener,
                                  CompletableFuture<RemoteChannel> opened) {
    }

    private final HttpClient http;
    private final URI uri;
    private final @Nullable String token;
    private final Map<String, Object> params;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Map<String, List<EventListener>> listeners = new ConcurrentHashMap<>();
    private final Map<Long, PendingCall> inFlight = new ConcurrentHashMap<>();
    private final List<PendingCall> waiting = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<TroupeException>> errorListeners = new CopyOnWriteArrayList<>();
    private final Map<Long, PendingChannel> opening = new ConcurrentHashMap<>();
    private final List<PendingChannel> waitingChannels = new ArrayList<>();
    private final Map<Long, RemoteChannel> channels = new ConcurrentHashMap<>();

    private State state = State.CONNECTING;
    private @Nullable WebSocket socket;
    private @Nullable String connectionId;
    private @Nullable String actorId;
    private int attempt;
    private int welcomes;
    private @Nullable ActorError closeReason;
    private @Nullable Consumer<JsonNode> viewListener;
    private @Nullable JsonNode view;
    private @Nullable String viewChecksum;
    private long viewSeq;
    private @Nullable HistoryFollowing history;

    RemoteConnection(HttpClient http, URI uri, @Nullable String token, Map<String, Object> params, Backoff backoff,
                     ScheduledExecutorService scheduler) {
        this.http = http;
        this.uri = uri;
        this.token = token;
        this.params = Map.copyOf(params);
        this.backoff = backoff;
        this.scheduler = scheduler;
    }

    void start() {
        openSocket();
    }

    // ---- the application's side ---------------------------------------------------------------

    /**
     * Calls {@code listener} for every {@code event} ({@code *} for all the caller may receive) from now
     * on, across reconnects. If the server refuses the subscription (an actor type that declares its
     * events: {@code event/not_found} for another name, {@code event/forbidden} for one the caller may
     * not receive), the event's listeners are dropped and the refusal goes to {@link #onError}.
     */
    public Registration subscribe(String event, EventListener listener) {
        boolean first;
        synchronized (this) {
            List<EventListener> forEvent = listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>());
            first = forEvent.isEmpty();
            forEvent.add(listener);
            if (first && state == State.OPEN) {
                sendFrame(subscribeFrame("subscribe", event));
            }
        }
        return () -> unsubscribe(event, listener);
    }

    private synchronized void unsubscribe(String event, EventListener listener) {
        List<EventListener> forEvent = listeners.get(event);
        if (forEvent != null && forEvent.remove(listener) && forEvent.isEmpty()) {
            listeners.remove(event);
            if (state == State.OPEN) {
                sendFrame(subscribeFrame("unsubscribe", event));
            }
        }
    }

    /**
     * Syncs this caller's view of the actor and calls {@code listener} with it (decoded to
     * {@code type}) at once if known and after every change; replaces any earlier view listener. The
     * view survives reconnects: it is resynced by checksum.
     */
    public <T> Registration view(Class<T> type, Consumer<? super T> listener) {
        Consumer<JsonNode> decoding = node -> listener.accept(WireJson.MAPPER.convertValue(node, type));
        synchronized (this) {
            viewListener = decoding;
            if (state == State.OPEN) {
                sendFrame(viewFrame(viewChecksum));
            }
            if (view != null) {
                decoding.accept(view);
            }
        }
        return () -> {
            synchronized (this) {
                if (viewListener == decoding) {
                    viewListener = null;
                }
            }
        };
    }

    /**
     * Follows the actor's turn history: {@code listener} gets the retained entries from seq {@code from}
     * (0: the oldest retained), then each new entry once its turn is durable, in order. After a reconnect
     * the connection subscribes again from the seq after the last entry delivered, so each entry arrives
     * once. Every entry is checked against the chain before delivery (the runtime's {@code ChainCheck}):
     * a broken chain ends the subscription with {@code history/unverifiable}, naming the first bad seq
     * in its metadata, and delivers nothing of the page that broke it. Needs {@code #history} (clients
     * only where a rule grants it by name): a refusal goes to {@link HistoryListener#ended}. One
     * subscription per connection: this replaces an earlier one. Closing the registration stops the
     * subscription on the server too (a {@code stopHistory} frame).
     *
     * @throws IllegalArgumentException if {@code from} is negative
     */
    public Registration followHistory(long from, HistoryListener listener) {
        HistoryFollowing following = new HistoryFollowing(from, listener);
        synchronized (this) {
            history = following;
            if (state == State.OPEN) {
                sendFrame(following.frame(ids.incrementAndGet()));
            }
        }
        return () -> {
            synchronized (this) {
                if (history == following) {
                    history = null;
                    if (state == State.OPEN) {
                        sendFrame(HistoryFollowing.stopFrame());
                    }
                }
            }
        };
    }

    /** The latest view received, or null before the first. */
    public synchronized @Nullable JsonNode currentView() {
        return view == null ? null : view.deepCopy();
    }

    /** The checksum of {@link #currentView()}, or null. */
    public synchronized @Nullable String viewChecksum() {
        return viewChecksum;
    }

    /**
     * Calls an action over this connection (never creating the actor). The future completes with the
     * output as JSON, or fails with {@link TroupeException}: the server's error, or
     * {@code actor/unavailable} if the socket dropped before the answer.
     */
    public CompletableFuture<JsonNode> call(String action, Object... args) {
        return request("action", frame -> {
            frame.put("name", action);
            ArrayNode array = frame.putArray("args");
            for (Object arg : args) {
                array.add(WireJson.MAPPER.valueToTree(arg));
            }
        });
    }

    /**
     * Waits until the machine actor is in {@code state}, a state path such as {@code editing.draft}
     * (XState's {@code matchesState}: a parent state matches its children); see
     * {@link #waitForState(JsonNode, Duration)}.
     */
    public CompletableFuture<JsonNode> waitForState(String state, Duration timeout) {
        return waitForState(WireJson.MAPPER.getNodeFactory().textNode(state), timeout);
    }

    /**
     * Waits until the machine actor is in {@code state}, a state path or a state value object such as
     * {@code {"editing":"draft"}}. The future completes with this caller's view at once if the machine
     * already is in that state, else as soon as it enters it; it fails with {@code machine/wait_timeout}
     * when {@code timeout} (at most 30 s) passes, and like {@link #call} if the socket drops.
     */
    public CompletableFuture<JsonNode> waitForState(JsonNode state, Duration timeout) {
        return await(frame -> frame.set("waitForState", state), timeout);
    }

    /**
     * Waits until the machine actor has processed the next event of type {@code eventType}. The future
     * completes with this caller's view after that event; it fails with {@code machine/wait_timeout}
     * when {@code timeout} (at most 30 s) passes, and like {@link #call} if the socket drops.
     */
    public CompletableFuture<JsonNode> waitForEvent(String eventType, Duration timeout) {
        return await(frame -> frame.put("waitForEvent", eventType), timeout);
    }

    /** Sends a wait frame and answers the view of the snapshot it is answered with. */
    private CompletableFuture<JsonNode> await(Consumer<ObjectNode> condition, Duration timeout) {
        return request("wait", frame -> {
            condition.accept(frame);
            frame.put("waitMs", timeout.toMillis());
        }).thenApply(snapshot -> snapshot.path("view"));
    }

    /**
     * Sends a frame of {@code type} with a new id and the fields {@code body} adds, once a socket is
     * open; the future completes with its answer.
     */
    private CompletableFuture<JsonNode> request(String type, Consumer<ObjectNode> body) {
        long id = ids.incrementAndGet();
        ObjectNode frame = WireJson.MAPPER.createObjectNode();
        frame.put("type", type).put("id", id);
        body.accept(frame);
        PendingCall call = new PendingCall(id, frame.toString(), new CompletableFuture<>());
        synchronized (this) {
            switch (state) {
                case OPEN -> {
                    inFlight.put(id, call);
                    sendFrame(call.frame());
                }
                case CLOSED -> call.reply().completeExceptionally(closedError());
                default -> waiting.add(call);
            }
        }
        return call.reply();
    }

    /**
     * Opens a channel to the actor with {@code message} (a JSON-serialisable value, or null) as its first
     * message, once a socket is open. The future completes when the actor accepted it, or fails with
     * {@link TroupeException}: {@code channel/rejected} (the actor's reason in the message,
     * {@code metadata.reason} its code), {@code channel/timeout}, {@code auth/forbidden} (the type's rules
     * grant clients no {@code #channel}), or {@code channel/disconnected} if the socket dropped first.
     * Messages and the close arrive at {@code listener}.
     */
    public CompletableFuture<RemoteChannel> openChannel(@Nullable Object message, ChannelListener listener) {
        long name = ids.incrementAndGet();
        ObjectNode frame = WireJson.MAPPER.createObjectNode().put("type", "channel.open").put("channel", name);
        if (message != null) {
            frame.set("message", WireJson.MAPPER.valueToTree(message));
        }
        PendingChannel pending = new PendingChannel(name, frame.toString(), listener, new CompletableFuture<>());
        synchronized (this) {
            switch (state) {
                case OPEN -> {
                    opening.put(name, pending);
                    sendFrame(pending.frame());
                }
                case CLOSED -> pending.opened().completeExceptionally(closedError());
                default -> waitingChannels.add(pending);
            }
        }
        return pending.opened();
    }

    /** The current state. */
    public synchronized State state() {
        return state;
    }

    /** Calls {@code listener} with every state change from now on. */
    public void onStateChange(Consumer<State> listener) {
        stateListeners.add(listener);
    }

    /**
     * Calls {@code listener} with every error of the server that belongs to no call, such as a refused
     * subscription ({@link #subscribe}), from now on. Called on the socket's thread; must not block.
     */
    public void onError(Consumer<TroupeException> listener) {
        errorListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The server's id of the current socket's connection, or null while not open. */
    public synchronized @Nullable String connectionId() {
        return connectionId;
    }

    /** The actor's id, once welcomed. */
    public synchronized @Nullable String actorId() {
        return actorId;
    }

    /** How many times a socket has been welcomed: 1 after the first connect, +1 per reconnect. */
    public synchronized int welcomes() {
        return welcomes;
    }

    /** Why the connection closed for good, or null. */
    public synchronized @Nullable ActorError closeReason() {
        return closeReason;
    }

    /** Closes the socket and stops reconnecting; pending calls fail. Idempotent. */
    @Override
    public void close() {
        WebSocket open;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            open = socket;
            socket = null;
            closeReason = ActorError.of(ErrorCode.UNAVAILABLE, "closed by the client");
            setState(State.CLOSED);
            failCalls(closedError());
            dropChannels("the connection was closed by the client");
            failWaitingChannels(closedError());
        }
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .whenComplete((ws, failure) -> open.abort());
        }
    }

    // ---- sockets ------------------------------------------------------------------------------

    private void openSocket() {
        Socket listener = new Socket();
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, listener)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        LOG.debug("cannot open {}: {}", uri, failure.toString());
                        lost(null, ABNORMAL_CLOSE);
                    }
                });
    }

    private synchronized void opened(WebSocket ws) {
        if (state == State.CLOSED) {
            ws.abort();
            return;
        }
        socket = ws;
        ObjectNode auth = WireJson.MAPPER.createObjectNode().put("type", "auth");
        if (token != null) {
            auth.put("token", token);
        }
        auth.set("params", WireJson.MAPPER.valueToTree(params));
        sendFrame(auth.toString());
    }

    /** The socket {@code ws} is gone (null: it never opened), with this close code. */
    private void lost(@Nullable WebSocket ws, int code) {
        synchronized (this) {
            if (state == State.CLOSED || (ws != null && socket != ws)) {
                return;
            }
            socket = null;
            connectionId = null;
            failCalls(new TroupeException(ErrorCode.UNAVAILABLE, "the connection to " + uri + " was lost (" + code + ")"));
            dropChannels("the connection to " + uri + " was lost (" + code + ")");
            if (isFinal(code)) {
                if (closeReason == null) {
                    closeReason = ActorError.of(ErrorCode.CONNECTION_CLOSED, "the server closed with " + code);
                }
                setState(State.CLOSED);
                failWaiting(closedError());
                failWaitingChannels(closedError());
                return;
            }
            setState(State.RECONNECTING);
        }
        Duration delay = backoff.delay(attempt++);
        LOG.debug("reconnecting to {} in {} ms", uri, delay.toMillis());
        scheduler.schedule(this::openSocket, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a socket closed with {@code code} stays closed: the server refused for good. */
    static boolean isFinal(int code) {
        return FINAL_CLOSE_CODES.contains(code);
    }

    private void failCalls(TroupeException error) {
        inFlight.values().forEach(call -> call.reply().completeExceptionally(error));
        inFlight.clear();
    }

    private void failWaiting(TroupeException error) {
        waiting.forEach(call -> call.reply().completeExceptionally(error));
        waiting.clear();
    }

    /** The socket is gone: channels opening fail, open ones close, with {@code channel/disconnected}. */
    private void dropChannels(String why) {
        ActorError reason = ActorError.of(ErrorCode.CHANNEL_DISCONNECTED, why);
        opening.values().forEach(pending -> pending.opened().completeExceptionally(new TroupeException(reason, 410)));
        opening.clear();
        List<RemoteChannel> open = List.copyOf(channels.values());
        channels.clear();
        open.forEach(channel -> channel.closed(reason));
    }

    private void failWaitingChannels(TroupeException error) {
        waitingChannels.forEach(pending -> pending.opened().completeExceptionally(error));
        waitingChannels.clear();
    }

    private TroupeException closedError() {
        ActorError reason = closeReason;
        return reason == null ? new TroupeException(ErrorCode.UNAVAILABLE, "the connection is closed")
                : new TroupeException(reason, 503);
    }

    private void setState(State next) {
        if (state != next) {
            state = next;
            stateListeners.forEach(listener -> listener.accept(next));
        }
    }

    private void sendFrame(String frame) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendText(frame, true).whenComplete((sent, failure) -> {
                if (failure != null) {
                    LOG.debug("sending to {} failed: {}", uri, failure.toString());
                }
            });
        }
    }

    // ---- frames -------------------------------------------------------------------------------

    private void frame(WebSocket ws, JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "welcome" -> welcomed(frame);
            case "result" -> answered(frame.get("id"), frame.get("output"), null);
            case "error" -> errored(ws, frame);
            case "event" -> event(frame);
            case "view" -> view(frame);
            case "history" -> historyEntries(frame);
            case "channel.accept" -> channelAccepted(frame);
            case "channel.reject" -> channelRejected(frame);
            case "channel.message" -> channelMessage(frame);
            case "channel.close" -> channelClosed(frame);
            default -> LOG.warn("unknown frame type from {}: {}", uri, frame);
        }
    }

    private synchronized void welcomed(JsonNode frame) {
        connectionId = frame.path("connectionId").asText(null);
        actorId = frame.path("actorId").asText(null);
        attempt = 0;
        welcomes++;
        setState(State.OPEN);
        for (String event : Set.copyOf(listeners.keySet())) {
            sendFrame(subscribeFrame("subscribe", event));
        }
        if (viewListener != null) {
            sendFrame(viewFrame(viewChecksum));
        }
        if (history != null) {
            sendFrame(history.frame(ids.incrementAndGet()));
        }
        for (PendingCall call : waiting) {
            inFlight.put(call.id(), call);
            sendFrame(call.frame());
        }
        waiting.clear();
        for (PendingChannel pending : waitingChannels) {
            opening.put(pending.name(), pending);
            sendFrame(pending.frame());
        }
        waitingChannels.clear();
    }

    private void channelAccepted(JsonNode frame) {
        PendingChannel pending = opening.remove(frame.path("channel").asLong());
        if (pending == null) {
            return;
        }
        RemoteChannel channel = new RemoteChannel(pending.name(), frame.path("channelId").asText(), pending.listener(),
                this::sendFrame);
        channels.put(pending.name(), channel);
        pending.opened().complete(channel);
    }

    private void channelRejected(JsonNode frame) {
        PendingChannel pending = opening.remove(frame.path("channel").asLong());
        if (pending != null) {
            pending.opened().completeExceptionally(WireJson.frameError(frame));
        }
    }

    private void channelMessage(JsonNode frame) {
        RemoteChannel channel = channels.get(frame.path("channel").asLong());
        if (channel == null || !channel.isOpen()) {
            return;
        }
        try {
            channel.listener().onMessage(frame.path("message"));
        } catch (RuntimeException e) {
            LOG.error("channel listener failed", e);
        }
    }

    private void channelClosed(JsonNode frame) {
        RemoteChannel channel = channels.remove(frame.path("channel").asLong());
        if (channel != null) {
            channel.closed(WireJson.frameError(frame).error());
        }
    }

    private void answered(@Nullable JsonNode id, @Nullable JsonNode output, @Nullable TroupeException error) {
        if (id == null || !id.canConvertToLong()) {
            return;
        }
        PendingCall call = inFlight.remove(id.asLong());
        if (call == null) {
            return;
        }
        if (error != null) {
            call.reply().completeExceptionally(error);
        } else {
            call.reply().complete(output == null ? WireJson.MAPPER.nullNode() : output);
        }
    }

    private void historyEntries(JsonNode frame) {
        HistoryFollowing following;
        List<HistoryEntry> entries;
        TroupeException broken = null;
        synchronized (this) {
            following = history;
            if (following == null || !following.owns(frame.get("id"))) {
                return;
            }
            try {
                entries = following.take(frame, actorId == null ? "" : actorId);
            } catch (TroupeException e) {
                history = null;
                sendFrame(HistoryFollowing.stopFrame());
                entries = List.of();
                broken = e;
            }
        }
        if (broken != null) {
            following.listener().ended(broken);
        } else if (!entries.isEmpty()) {
            following.listener().entries(entries);
        }
    }

    private void errored(WebSocket ws, JsonNode frame) {
        TroupeException error = WireJson.frameError(frame);
        JsonNode id = frame.get("id");
        HistoryFollowing refused;
        synchronized (this) {
            refused = history != null && history.owns(id) ? history : null;
            if (refused != null) {
                history = null;
            }
        }
        if (refused != null) {
            refused.listener().ended(error);
            return;
        }
        if (id != null && !id.isNull()) {
            answered(id, null, error);
            return;
        }
        RemoteChannel channel = channels.get(frame.path("metadata").path("channel").asLong(-1));
        if (channel != null) {
            channel.listener().onError(error);
            return;
        }
        if (error.is(ErrorCode.EVENT_NOT_FOUND) || error.is(ErrorCode.EVENT_FORBIDDEN)) {
            String event = frame.path("metadata").path("event").asText();
            listeners.remove(event);
            LOG.warn("subscription to '{}' of {} refused: {}", event, uri, error.getMessage());
        } else {
            synchronized (this) {
                if (socket == ws) {
                    closeReason = error.error();
                }
            }
            LOG.debug("error from {}: {}", uri, error.getMessage());
        }
        for (Consumer<TroupeException> listener : errorListeners) {
            try {
                listener.accept(error);
            } catch (RuntimeException e) {
                LOG.error("error listener of {} failed", uri, e);
            }
        }
    }

    private void event(JsonNode frame) {
        String name = frame.path("name").asText();
        List<Object> args = WireJson.MAPPER.convertValue(frame.path("args"),
                WireJson.MAPPER.getTypeFactory().constructCollectionType(List.class, Object.class));
        for (String key : List.of(name, "*")) {
            List<EventListener> forEvent = listeners.get(key);
            if (forEvent != null) {
                for (EventListener listener : forEvent) {
                    try {
                        listener.onEvent(name, args == null ? List.of() : args);
                    } catch (RuntimeException e) {
                        LOG.error("event listener for '{}' failed", name, e);
                    }
                }
            }
        }
    }

    private synchronized void view(JsonNode frame) {
        long seq = frame.path("seq").asLong();
        String checksum = frame.path("checksum").asText();
        JsonNode next;
        if (frame.has("value")) {
            next = frame.get("value");
        } else if (seq == 1 && checksum.equals(viewChecksum) && view != null) {
            next = view;
        } else if (view == null || seq != viewSeq + 1 || !frame.path("patch").isArray()) {
            resync("a patch arrived without its base (seq " + seq + " after " + viewSeq + ")");
            return;
        } else {
            try {
                next = ViewPatch.apply(frame.get("patch"), view);
            } catch (JsonPatchException e) {
                resync("the patch does not apply: " + e.getMessage());
                return;
            }
        }
        if (!WireJson.checksum(next).equals(checksum)) {
            resync("the checksum does not match after seq " + seq);
            return;
        }
        boolean changed = !next.equals(view);
        view = next;
        viewChecksum = checksum;
        viewSeq = seq;
        Consumer<JsonNode> listener = viewListener;
        if (listener != null && (changed || seq == 1)) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("view listener failed", e);
            }
        }
    }

    private void resync(String why) {
        LOG.warn("view of {} out of sync ({}); asking for the full view", uri, why);
        view = null;
        viewChecksum = null;
        viewSeq = 0;
        sendFrame(viewFrame(null));
    }

    private static String subscribeFrame(String type, String event) {
        return WireJson.MAPPER.createObjectNode().put("type", type).put("event", event).toString();
    }

    private static String viewFrame(@Nullable String checksum) {
        ObjectNode frame = WireJson.MAPPER.createObjectNode().put("type", "view");
        if (checksum != null) {
            frame.put("checksum", checksum);
        }
        return frame.toString();
    }

    /** The listener of one physical socket. */
    private final class Socket implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            opened(ws);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    frame(ws, WireJson.MAPPER.readTree(text));
                } catch (JsonProcessingException e) {
                    LOG.warn("the server at {} sent a frame that is not JSON: {}", uri, e.getOriginalMessage());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            LOG.debug("{} closed the socket: {} {}", uri, statusCode, reason);
            lost(ws, statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            LOG.debug("socket to {} failed: {}", uri, error.toString());
            lost(ws, ABNORMAL_CLOSE);
        }
    }
}
