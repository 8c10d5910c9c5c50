package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.AccessRule;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Lobby;
import dev.troupe.testing.LobbyActor;
import dev.troupe.testing.Visitor;
import dev.troupe.testing.VisitorActor;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Channels from a WebSocket client to an actor: the channel frames of wire protocol v1, on a real server. */
class ChannelsOverWebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer t;

    /** A server whose runtime waits {@code callTimeout} for calls and for channels to be accepted. */
    private static TestServer server(Duration callTimeout) {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store).callTimeout(callTimeout)
                .register(LobbyActor.class, type -> type.allow(CallerType.CLIENT))
                .register(VisitorActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.CONNECT))
                .build();
        return TestServer.start(store, troupe, config -> config.maxFrameBytes(2 << 20));
    }

    @BeforeAll
    static void start() {
        t = server(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        t.close();
        t.troupe.close();
    }

    private static Lobby lobby(String key) {
        return lobby(t, key);
    }

    private static Lobby lobby(TestServer on, String key) {
        Lobby lobby = on.troupe.ref(Lobby.class, Key.of(key)).withTimeout(WAIT).getOrCreate();
        lobby.events();
        return lobby;
    }

    private static WsClient connect(String type, String key) {
        return connect(t, type, key);
    }

    private static WsClient connect(TestServer on, String type, String key) {
        WsClient ws = on.ws("/v1/actors/" + type + "/connect?key=" + key);
        ws.send("{\"type\":\"auth\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        return ws;
    }

    private static WsClient openChannel(String key) {
        WsClient ws = connect("test-lobby", key);
        ws.send("{\"type\":\"channel.open\",\"channel\":1,\"message\":\"hi\"}");
        JsonNode accept = ws.next();
        assertThat(accept.get("type").asText()).isEqualTo("channel.accept");
        assertThat(accept.get("channel").asInt()).isEqualTo(1);
        assertThat(accept.get("channelId").asText()).isNotBlank();
        return ws;
    }

    @Test
    void accept_thenMessagesBothWaysInOrder() {
        Lobby lobby = lobby("ws-accept");
        WsClient ws = openChannel("ws-accept");
        JsonNode welcome = ws.next();
        assertThat(welcome.toString()).isEqualTo("{\"type\":\"channel.message\",\"channel\":1,\"message\":\"welcome\"}");

        for (int n = 1; n <= 30; n++) {
            ws.send("{\"type\":\"channel.message\",\"channel\":1,\"message\":" + n + "}");
        }
        ws.send("{\"type\":\"channel.message\",\"channel\":1,\"message\":\"ping:x\"}");
        JsonNode pong = ws.next();
        lobby.broadcastOnChannels("after");

        assertThat(pong.get("message").asText()).isEqualTo("pong:x");
        assertThat(ws.next().get("message").asText()).isEqualTo("after");
        List<String> numbers = IntStream.rangeClosed(1, 30).mapToObj(n -> "got:" + n).toList();
        assertThat(lobby.events()).startsWith("open:hi").containsSubsequence(numbers).endsWith("got:ping:x");
        ws.close();
    }

    @Test
    void reject_carriesTheReason_andTheNameIsNotOpen() {
        lobby("ws-reject");
        WsClient ws = connect("test-lobby", "ws-reject");
        ws.send("{\"type\":\"channel.open\",\"channel\":\"c\",\"message\":\"reject\"}");
        JsonNode reject = ws.next();

        assertThat(reject.get("type").asText()).isEqualTo("channel.reject");
        assertThat(reject.get("channel").asText()).isEqualTo("c");
        assertThat(reject.get("group").asText() + "/" + reject.get("code").asText()).isEqualTo("channel/rejected");
        assertThat(reject.get("message").asText()).isEqualTo("the lobby is full");
        assertThat(reject.at("/metadata/reason").asText()).isEqualTo("user/full");

        ws.send("{\"type\":\"channel.message\",\"id\":5,\"channel\":\"c\",\"message\":1}");
        JsonNode error = ws.next();
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("id").asInt()).isEqualTo(5);
        assertThat(error.get("code").asText()).isEqualTo("closed");
        assertThat(error.at("/metadata/channel").asText()).isEqualTo("c");
        ws.close();
    }

    @Test
    void closeByTheClient_tellsTheActor() {
        Lobby lobby = lobby("ws-close-client");
        WsClient ws = openChannel("ws-close-client");
        ws.next();
        ws.send("{\"type\":\"channel.close\",\"channel\":1}");

        await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/closed"));
        assertThat(lobby.openChannels()).isZero();
        ws.send("{\"type\":\"channel.message\",\"channel\":1,\"message\":1}");
        assertThat(ws.next().get("code").asText()).isEqualTo("closed");
        ws.close();
    }

    @Test
    void closeByTheActor_sendsACloseFrame() {
        Lobby lobby = lobby("ws-close-actor");
        WsClient ws = openChannel("ws-close-actor");
        ws.next();
        lobby.closeChannels();

        JsonNode close = ws.next();
        assertThat(close.get("type").asText()).isEqualTo("channel.close");
        assertThat(close.get("channel").asInt()).isEqualTo(1);
        assertThat(close.get("group").asText() + "/" + close.get("code").asText()).isEqualTo("channel/closed");
        ws.close();
    }

    @Test
    void actorDestroyed_closesTheChannel_beforeTheSocket() {
        Lobby lobby = lobby("ws-doomed");
        WsClient ws = openChannel("ws-doomed");
        ws.next();
        lobby.leave();

        JsonNode close = ws.next("channel.close");
        assertThat(close.get("group").asText() + "/" + close.get("code").asText()).isEqualTo("actor/not_found");
        await().atMost(WAIT).until(ws::isClosed);
        assertThat(ws.closeCode()).isEqualTo(4004);
    }

    @Test
    void clientDisconnect_tellsTheActor() {
        Lobby lobby = lobby("ws-dropped");
        WsClient ws = openChannel("ws-dropped");
        ws.next();
        ws.close();

        await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/disconnected"));
        assertThat(lobby.openChannels()).isZero();
    }

    @Test
    void targetThatNeverAnswers_isRejectedWithTimeout() {
        try (TestServer quick = server(Duration.ofMillis(500))) {
            Lobby lobby = lobby(quick, "ws-slow");
            WsClient ws = connect(quick, "test-lobby", "ws-slow");
            ws.send("{\"type\":\"channel.open\",\"channel\":9,\"message\":\"hang\"}");
            JsonNode reject = ws.next();
            LobbyActor.release("ws-slow");

            assertThat(reject.get("type").asText()).isEqualTo("channel.reject");
            assertThat(reject.get("group").asText() + "/" + reject.get("code").asText()).isEqualTo("channel/timeout");
            assertThat(reject.get("message").asText()).contains("did not accept the channel within PT0.5S");
            await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/timeout"));
            ws.close();
            quick.troupe.close();
        }
    }

    @Test
    void channelsNeedTheirAccessRule() {
        t.troupe.actor(Visitor.class, Key.of("ws-guarded")).events();
        WsClient ws = connect("test-visitor", "ws-guarded");
        ws.send("{\"type\":\"channel.open\",\"channel\":1}");
        JsonNode reject = ws.next();

        assertThat(reject.get("type").asText()).isEqualTo("channel.reject");
        assertThat(reject.get("group").asText() + "/" + reject.get("code").asText()).isEqualTo("auth/forbidden");
        ws.close();
    }

    @Test
    void badChannelFrames_getErrors_andTheSocketStaysOpen() {
        lobby("ws-bad");
        WsClient ws = openChannel("ws-bad");
        ws.next();

        ws.send("{\"type\":\"channel.open\"}");
        assertThat(ws.next().get("code").asText()).isEqualTo("invalid_request");
        ws.send("{\"type\":\"channel.open\",\"channel\":1}");
        assertThat(ws.next().get("message").asText()).contains("already open");
        ws.send("{\"type\":\"channel.message\",\"channel\":1}");
        assertThat(ws.next().at("/metadata/field").asText()).isEqualTo("message");
        ws.send("{\"type\":\"channel.message\",\"channel\":2,\"message\":1}");
        assertThat(ws.next().get("code").asText()).isEqualTo("closed");
        ws.send("{\"type\":\"channel.message\",\"channel\":1,\"message\":\"" + "x".repeat((1 << 20) + 1) + "\"}");
        JsonNode tooLarge = ws.next();
        assertThat(tooLarge.get("group").asText() + "/" + tooLarge.get("code").asText()).isEqualTo("message/too_large");

        ws.send("{\"type\":\"channel.message\",\"channel\":1,\"message\":\"ping:still\"}");
        assertThat(ws.next().get("message").asText()).isEqualTo("pong:still");
        ws.close();
    }
}
