package dev.troupe.rivetkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.AccessRule;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.TextWebSocket;
import dev.troupe.testing.Webhook;
import dev.troupe.testing.WebhookActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RivetKit's raw handlers on the gateway: {@code …/request/{path}} ({@code handle.fetch}) reaches the
 * actor's {@code onRequest} without the {@code rvt-*} parameters, {@code …/websocket/{path}}
 * ({@code handle.websocket}) opens a raw WebSocket with the {@code rivet} subprotocol accepted, and
 * both are refused without {@code #raw}.
 */
class RivetKitRawTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TARGET = "?rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default"
            + "&rvt-crash-policy=sleep&rvt-key=";
    private static Troupe troupe;
    private static TroupeServer server;

    @BeforeAll
    static void start() {
        troupe = Troupe.builder().store(new MemoryStore())
                .register(WebhookActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.RAW, AccessRule.CREATE))
                .register(RecorderActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.CREATE)).build();
        server = TroupeServer.start(troupe, RivetKit.defaults().mountOn(ServerConfig.port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
        troupe.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fetch_reachesOnRequest_withoutTheGatewayParameters() throws Exception {
        HttpResponse<String> response = send("POST", "/gateway/test-webhook/request/hook" + TARGET + "fetch&page=2", "ping");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("hits=1");
        assertThat(troupe.actor(Webhook.class, Key.of("fetch")).entries()).containsExactly("POST /hook?page=2 ping");
    }

    @Test
    void fetch_withoutAccess_isForbidden_andAnUnhandledPath_isRawNotHandled() throws Exception {
        HttpResponse<String> forbidden = send("GET", "/gateway/test-recorder/request/x" + TARGET + "closed", "");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(code(forbidden)).isEqualTo("auth/forbidden");

        HttpResponse<String> unhandled = send("GET", "/gateway/test-webhook/request/nowhere" + TARGET + "unhandled", "");
        assertThat(unhandled.statusCode()).isEqualTo(404);
        assertThat(code(unhandled)).isEqualTo("raw/not_handled");
    }

    @Test
    void websocket_echoesWithState_andAcceptsTheRivetSubprotocol() throws Exception {
        TextWebSocket socket = TextWebSocket.open(ws("/gateway/test-webhook/websocket/chat" + TARGET + "ws"), "rivet");

        assertThat(socket.socket().getSubprotocol()).isEqualTo("rivet");
        assertThat(socket.next()).isEqualTo("welcome");
        socket.send("hello");
        assertThat(socket.next()).isEqualTo("hello#2");
        socket.close();
        Webhook webhook = troupe.actor(Webhook.class, Key.of("ws"));
        await().atMost(Duration.ofSeconds(10)).until(() -> webhook.entries().size() == 3);
        assertThat(webhook.entries()).containsExactly("open /chat", "ws:hello", "closed:channel/closed");
    }

    @Test
    void websocket_withoutAccess_isRefused403BeforeTheUpgrade() {
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                TextWebSocket.open(ws("/gateway/test-recorder/websocket/x" + TARGET + "ws-closed")));
        assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(403);
    }

    private static URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    private static String code(HttpResponse<String> response) throws Exception {
        JsonNode error = Json.mapper().readTree(response.body());
        return error.get("group").asText() + "/" + error.get("code").asText();
    }
}
