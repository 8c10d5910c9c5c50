package dev.troupe.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorContract;
import dev.troupe.ActorInfo;
import dev.troupe.Key;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A remote client of a Troupe server (wire protocol v1): typed handles over HTTP and live connections
 * over WebSocket, on the JDK {@link HttpClient}.
 *
 * {@snippet :
 * try (TroupeClient client = TroupeClient.builder(URI.create("http://127.0.0.1:7420")).token(token).build()) {
 *     Counter counter = client.actor(Counter.class, Key.of("acme", "visits"));
 *     long count = counter.increment(1);            // one POST; returns once the turn is durable
 *
 *     RemoteConnection room = client.open(Counter.class, Key.of("acme", "visits"));
 *     room.subscribe("newCount", (event, args) -> System.out.println(args));
 * }
 * }
 *
 * <p>Handles behave like in-process ones: each call is a turn of the actor, results are decoded to the
 * method's generic return type, and failures throw {@link dev.troupe.TroupeException} carrying the server's
 * {@code {group, code, message, metadata}} and HTTP status ({@code actor/unavailable} when the server
 * cannot be reached). Thread-safe; close it to stop every connection it opened.
 */
public final class TroupeClient implements AutoCloseable {
    /** Actors a listing page holds unless a limit is given: the server's default. */
    public static final int DEFAULT_PAGE = 100;
    /** The most actors one listing page holds: the server's maximum. */
    public static final int MAX_PAGE = 1_000;

    private final URI base;
    private final HttpClient http;
    private final @Nullable String token;
    private final Duration timeout;
    private final WireHttp wire;
    private final Listing listing;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Set<RemoteConnection> connections = ConcurrentHashMap.newKeySet();

    private TroupeClient(Builder builder) {
        this.base = builder.base;
        this.http = builder.http != null ? builder.http
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.token = builder.token;
        this.timeout = builder.timeout;
        this.wire = new WireHttp(http, token, timeout);
        this.listing = new Listing(wire, base);
        this.backoff = new Backoff(builder.initialBackoff, builder.maxBackoff);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("troupe-client-reconnect").daemon(true).factory());
    }

    /** A client of the server at {@code base} (such as {@code http://127.0.0.1:7420}), without a token. */
    public static TroupeClient connect(URI base) {
        return builder(base).build();
    }

    /** A builder of a client of the server at {@code base}. */
    public static Builder builder(URI base) {
        return new Builder(base);
    }

    /**
     * A typed handle to the actor of {@code contract}'s type under {@code key}, created on first call.
     *
     * @throws IllegalArgumentException if {@code contract} is not an interface annotated with
     *                                  {@link ActorContract}
     */
    public <C> C actor(Class<C> contract, Key key) {
        return proxy(contract, key, true);
    }

    /** A typed handle whose calls fail with {@code actor/not_found} if the actor does not exist. */
    public <C> C existing(Class<C> contract, Key key) {
        return proxy(contract, key, false);
    }

    private <C> C proxy(Class<C> contract, Key key, boolean createIfAbsent) {
        String type = typeName(contract);
        Objects.requireNonNull(key, "key");
        return proxy(contract, HttpInvoker.byKey(wire, base, type, key, createIfAbsent));
    }

    /**
     * A typed handle to the existing actor with id {@code id} (as its info, creation or listing names
     * it): each call is a {@code POST /v1/ids/{id}/actions/…}, never creates, and fails with {@code
     * actor/not_found} once no actor has the id, {@code request/invalid_id} if it is not an actor id.
     * The contract must be the actor's type's; the server decodes arguments by the actor's type.
     *
     * @throws IllegalArgumentException if {@code contract} is not an interface annotated with
     *                                  {@link ActorContract}
     */
    public <C> C byId(Class<C> contract, String id) {
        typeName(contract);
        return proxy(contract, HttpInvoker.byId(wire, base, Objects.requireNonNull(id, "id")));
    }

    private static <C> C proxy(Class<C> contract, HttpInvoker invoker) {
        return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, invoker));
    }

    /**
     * Enqueues {@code message} (any JSON-serialisable value) to the queue {@code queue} of the existing
     * actor of {@code contract}'s type under {@code key} ({@code POST /v1/actors/{type}/queues/{queue}})
     * and returns once the server has it durably; the actor processes it at least once, effectively
     * once, in order with this client's other messages. One blocking request.
     *
     * @throws dev.troupe.TroupeException {@code queue/not_found}, {@code actor/not_found},
     *                                    {@code message/too_large}, {@code auth/forbidden} (a client needs
     *                                    {@code #enqueue}), or a transport error
     * @throws IllegalArgumentException   if {@code contract} is not an interface annotated with
     *                                    {@link ActorContract}
     */
    public void enqueue(Class<?> contract, Key key, String queue, @Nullable Object message) {
        enqueue(typeName(contract), key, queue, message);
    }

    /** Enqueues to the actor of type {@code type} under {@code key}; see {@link #enqueue(Class, Key, String, Object)}. */
    public void enqueue(String type, Key key, String queue, @Nullable Object message) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        body.set("message", WireJson.MAPPER.valueToTree(message));
        URI target = base.resolve("/v1/actors/" + type + "/queues/"
                + URLEncoder.encode(Objects.requireNonNull(queue, "queue"), StandardCharsets.UTF_8)
                + HttpInvoker.keyQuery(key));
        wire.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "enqueue to " + queue + " of " + type);
    }

    /** The server's content-addressed store: blobs by SHA-256 and labels. */
    public RemoteContents contents() {
        return new RemoteContents(http, base, token, timeout);
    }

    /**
     * One page of the actors of {@code type} whose key begins with the parts of {@code prefix} (compared
     * part by part; the empty key lists them all), in id order: the first page with a null {@code
     * cursor}, then each next one with the {@link ActorPage#next()} of the page before, up to {@code
     * limit} (1 to {@link #MAX_PAGE}) actors each. Needs {@code #list}, which clients have only where a
     * rule grants it by name (else {@code auth/forbidden}); one blocking request.
     */
    public ActorPage list(String type, Key prefix, @Nullable String cursor, int limit) {
        return listing.page(Objects.requireNonNull(type, "type"), Objects.requireNonNull(prefix, "prefix"), cursor,
                limit);
    }

    /**
     * Every actor of {@code type} whose key begins with {@code prefix}, in id order, as a lazy stream
     * that fetches pages of {@link #DEFAULT_PAGE} as it is consumed (the first at once). Every actor that
     * exists throughout is seen exactly once; one created or destroyed meanwhile may or may not be. A
     * failing page request throws from the stream operation that needed it.
     */
    public Stream<ActorInfo> listAll(String type, Key prefix) {
        return listing.all(Objects.requireNonNull(type, "type"), Objects.requireNonNull(prefix, "prefix"), DEFAULT_PAGE);
    }

    /**
     * The turn history of the actor of {@code contract}'s type under {@code key}, read over HTTP and
     * verified here ({@link RemoteHistory#verify}).
     *
     * @throws IllegalArgumentException if {@code contract} is not an interface annotated with
     *                                  {@link ActorContract}
     */
    public RemoteHistory history(Class<?> contract, Key key) {
        return history(typeName(contract), key);
    }

    /** The turn history of the actor of type {@code type} under {@code key} (see {@link RemoteHistory}). */
    public RemoteHistory history(String type, Key key) {
        return new RemoteHistory(wire, base, Objects.requireNonNull(type, "type"), Objects.requireNonNull(key, "key"));
    }

    /** Opens a live connection to the actor (created if absent) without connection params. */
    public RemoteConnection open(Class<?> contract, Key key) {
        return open(contract, key, Map.of());
    }

    /**
     * Opens a live connection to the actor (created if absent), passing {@code params} to its
     * {@code onBeforeConnect}. Returns at once; the connection reconnects until closed.
     */
    public RemoteConnection open(Class<?> contract, Key key, Map<String, Object> params) {
        return open(typeName(contract), key, params);
    }

    /**
     * Opens a live connection to the actor of type {@code type} (created if absent): for actor types
     * without a Java contract, such as machine actors, whose events go through the {@code send} action
     * and whose states are awaited with {@link RemoteConnection#waitForState}.
     */
    public RemoteConnection open(String type, Key key, Map<String, Object> params) {
        Objects.requireNonNull(type, "type");
        return open("/v1/actors/" + type + "/connect" + HttpInvoker.keyQuery(key), params);
    }

    /**
     * Opens a live connection to the existing actor with id {@code id} ({@code /v1/ids/{id}/connect}),
     * passing {@code params} to its {@code onBeforeConnect}. Returns at once; the connection reconnects
     * until closed, and never creates the actor: once no actor has the id, it closes with {@code 4004}.
     */
    public RemoteConnection openById(String id, Map<String, Object> params) {
        return open("/v1/ids/" + URLEncoder.encode(Objects.requireNonNull(id, "id"), StandardCharsets.UTF_8)
                + "/connect", params);
    }

    private RemoteConnection open(String pathAndQuery, Map<String, Object> params) {
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/+$", "") + pathAndQuery);
        RemoteConnection connection = new RemoteConnection(http, ws, token, params, backoff, scheduler);
        connections.add(connection);
        connection.onStateChange(state -> {
            if (state == RemoteConnection.State.CLOSED) {
                connections.remove(connection);
            }
        });
        connection.start();
        return connection;
    }

    private static String typeName(Class<?> contract) {
        ActorContract annotation = contract.getAnnotation(ActorContract.class);
        if (!contract.isInterface() || annotation == null) {
            throw new IllegalArgumentException(contract.getName() + " is not an interface annotated with @ActorContract");
        }
        return annotation.value();
    }

    /** Closes every connection this client opened and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        connections.forEach(RemoteConnection::close);
        scheduler.shutdownNow();
    }

    /** Configures a {@link TroupeClient}. Not thread-safe. */
    public static final class Builder {
        private final URI base;
        private @Nullable HttpClient http;
        private @Nullable String token;
        private Duration timeout = Duration.ofSeconds(70);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(10);

        private Builder(URI base) {
            if (base == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
                throw new IllegalArgumentException("the server URI must be http:// or https://: " + base);
            }
            this.base = base;
        }

        /** The bearer token sent with every request and in every WebSocket's auth frame. */
        public Builder token(String value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        /** The HTTP client to use (default: a new one). */
        public Builder httpClient(HttpClient value) {
            this.http = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** How long an HTTP call may take (default 70 s, above the server's 60 s call timeout). */
        public Builder requestTimeout(Duration value) {
            this.timeout = positive(value, "requestTimeout");
            return this;
        }

        /**
         * The reconnect delays: the first retry waits about {@code initial}, each next one twice as
         * long, at most {@code max}, each with random jitter (defaults 100 ms and 10 s).
         */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial");
            this.maxBackoff = positive(max, "max");
            return this;
        }

        /** The client. */
        public TroupeClient build() {
            return new TroupeClient(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
