package dev.troupe.actorkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.LedgerActor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Troupe server with the Actor Kit adapter on a memory store, for one test class: the test todo
 * machine and the test counter (mapped: {@code INCREMENT} calls {@code increment(by)}), with helpers
 * speaking the adapter's HTTP and WebSocket as actor-kit's client does.
 */
final class AkServer implements AutoCloseable {
    static final byte[] SECRET = "actor-kit-test-secret-actor-kit-test!".getBytes(StandardCharsets.UTF_8);
    static final TokenIssuer TOKENS = TokenIssuer.actorKit(SECRET);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Troupe troupe;
    final TroupeServer server;

    AkServer() {
        troupe = Troupe.builder().store(new MemoryStore())
                .register(TodoMachine.definition(), type -> type.allow(CallerType.CLIENT))
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT))
                .register(LedgerActor.class, type -> type.allow(CallerType.CLIENT))
                .build();
        ActorKit adapter = ActorKit.withSecret(SECRET).map("test-counter", ActorKitMapping.builder()
                .event("INCREMENT", "increment", event -> List.of(event.path("by").asLong()))
                .build());
        server = TroupeServer.start(troupe, adapter.mountOn(ServerConfig.port(0)));
    }

    /** A 15-minute client token for the todo list {@code id}. */
    static String client(String callerId, String id) {
        return TOKENS.client(callerId).actor(TodoMachine.TYPE, Key.of(id)).expiresIn(Duration.ofMinutes(15)).issue();
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path));
        authorize(request, token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        authorize(request, token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code token} as the bearer, unless it is empty (no credentials). */
    private static void authorize(HttpRequest.Builder request, String token) {
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
    }

    /** The snapshot of the todo list {@code id} as {@code token}'s caller sees it. */
    JsonNode snapshot(String id, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/" + TodoMachine.TYPE + "/" + id, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("snapshot fetch answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** Opens actor-kit's WebSocket to the todo list {@code id}. */
    Socket connect(String id, String token) {
        Socket socket = new Socket();
        URI uri = URI.create(server.uri().resolve("/api/" + TodoMachine.TYPE + "/" + id).toString().replaceFirst("^http", "ws")
                + "?accessToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&checksum=stale");
        socket.ws = HTTP.newWebSocketBuilder().buildAsync(uri, socket).join();
        return socket;
    }

    @Override
    public void close() {
        server.close();
        troupe.close();
    }

    /** One client socket and the messages it received. */
    static final class Socket implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.mapper().readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** The next message, failing after 10 s. */
        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no Actor Kit message within 10 s");
            }
            return message;
        }

        void send(String event) {
            ws.sendText(event, true).join();
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
