package dev.troupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.testing.BoardActor;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.Store;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.LifecycleActor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real server on an ephemeral port of 127.0.0.1 over its own in-memory runtime, with a JDK
 * HttpClient. Each test class starts its own, so classes may run in parallel.
 *
 * <p>Registered types (see {@link #builder}): {@code test-counter} (core's CounterActor) and
 * {@code test-board} ({@link BoardActor}, at most 50 connections per actor), both open to clients, and
 * {@code test-lifecycle} (core's LifecycleActor) with the default rules: clients denied.
 */
final class TestServer implements AutoCloseable {
    static final byte[] SECRET = "test-secret-test-secret-test-secret!".getBytes(StandardCharsets.UTF_8);

    final Store store;
    final Troupe troupe;
    final TroupeServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Store store, Troupe troupe, TroupeServer server) {
        this.store = store;
        this.troupe = troupe;
        this.server = server;
    }

    /** The standard runtime: counters and boards open to clients. */
    static Troupe.Builder builder(Store store) {
        return Troupe.builder().store(store)
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT))
                .register(BoardActor.class, type -> type.allow(CallerType.CLIENT).maxConnections(50))
                .register(LifecycleActor.class);
    }

    static TestServer start() {
        return start(UnaryOperator.identity());
    }

    static TestServer start(UnaryOperator<ServerConfig> config) {
        MemoryStore store = new MemoryStore();
        return start(store, builder(store).build(), config);
    }

    static TestServer start(Store store, Troupe troupe, UnaryOperator<ServerConfig> config) {
        TroupeServer server = TroupeServer.start(troupe, config.apply(ServerConfig.port(0).jwtSecret(SECRET)));
        return new TestServer(store, troupe, server);
    }

    TokenIssuer tokens() {
        return TokenIssuer.hs256(SECRET);
    }

    URI uri(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery);
    }

    URI wsUri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** Sends a request; {@code headers} are name/value pairs. */
    Reply send(String method, String pathAndQuery, String body, String... headers) {
        return send(http, method, pathAndQuery, body, headers);
    }

    /**
     * Sends a request on a connection of its own, closed after the answer. For requests Jetty refuses
     * before parsing them whole (a URI over its limit): it answers {@code Connection: close}, but the
     * JDK client has been seen to send its next request down that connection anyway, where Jetty reads
     * it after the rest of the refused one and answers 505.
     */
    Reply sendAlone(String method, String pathAndQuery, String body, String... headers) {
        try (HttpClient alone = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return send(alone, method, pathAndQuery, body, headers);
        }
    }

    private Reply send(HttpClient client, String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Reply post(String pathAndQuery, String body, String... headers) {
        return send("POST", pathAndQuery, body, headers);
    }

    Reply get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    /** Opens a WebSocket; {@code headers} are name/value pairs. */
    WsClient ws(String pathAndQuery, String... headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            client.socket = builder.buildAsync(wsUri(pathAndQuery), client).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket to " + pathAndQuery + " failed", e);
        }
        return client;
    }

    @Override
    public void close() {
        server.close();
        troupe.close();
    }

    /** An HTTP answer. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String code() {
            return json().path("group").asText() + "/" + json().path("code").asText();
        }
    }
}
