package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.server.testing.Board;
import dev.troupe.testing.WireFixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WebSocket frames of wire protocol v1, on a real server. */
class WebSocketTest {
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start(config -> config.maxFrameBytes(8 * 1024));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static WsClient open(String key) {
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=" + key);
        ws.send("{\"type\":\"auth\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        return ws;
    }

    @Test
    void welcome_namesTheActorAndTheConnection() {
        String id = t.post("/v1/actors/test-board?key=welcomed", "").json().get("id").asText();
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=welcomed");

        ws.send("{\"type\":\"auth\"}");
        JsonNode welcome = ws.next();

        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        assertThat(welcome.get("actorId").asText()).isEqualTo(id);
        assertThat(welcome.get("connectionId").asText()).isNotBlank();
        ws.close();
    }

    @Test
    void action_answersResultWithTheSameId() {
        WsClient ws = open("acting");

        ws.send("{\"type\":\"action\",\"id\":7,\"name\":\"post\",\"args\":[\"one\"]}");
        JsonNode first = ws.next("result");
        ws.send("{\"type\":\"action\",\"id\":\"eight\",\"name\":\"posts\",\"args\":[]}");
        JsonNode second = ws.next("result");

        assertThat(first.get("id").asInt()).isEqualTo(7);
        assertThat(first.get("output").asInt()).isEqualTo(1);
        assertThat(second.get("id").asText()).isEqualTo("eight");
        assertThat(second.get("output").toString()).isEqualTo("[\"one\"]");
        ws.close();
    }

    @Test
    void actionErrors_carryTheRequestId_andTheSocketStaysOpen() {
        WsClient ws = open("erring");

        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"nope\",\"args\":[]}");
        JsonNode unknown = ws.next();
        ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"post\",\"args\":[{\"not\":\"text\"}]}");
        JsonNode badArgs = ws.next();
        ws.send("{\"type\":\"action\",\"id\":3,\"name\":\"post\",\"args\":[\"ok\"]}");
        JsonNode ok = ws.next();

        assertThat(unknown.get("type").asText()).isEqualTo("error");
        assertThat(unknown.get("id").asInt()).isEqualTo(1);
        assertThat(unknown.get("group").asText() + "/" + unknown.get("code").asText()).isEqualTo("actor/action_not_found");
        assertThat(badArgs.get("id").asInt()).isEqualTo(2);
        assertThat(badArgs.get("code").asText()).isEqualTo("invalid_args");
        assertThat(badArgs.get("message").asText()).contains("argument 0 (text) of post must be String");
        assertThat(ok.get("type").asText()).isEqualTo("result");
        assertThat(ok.get("output").asInt()).isEqualTo(1);
        ws.close();
    }

    @Test
    void invalidJsonFrame_getsAnErrorWithNullId_andTheSocketStaysOpen() {
        WsClient ws = open("garbled");

        ws.send("{not json");
        JsonNode error = ws.next();
        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"posts\",\"args\":[]}");

        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(error.get("code").asText()).isEqualTo("invalid_json");
        assertThat(ws.next().get("type").asText()).isEqualTo("result");
        assertThat(ws.isClosed()).isFalse();
        ws.close();
    }

    @Test
    void subscribe_deliversEvents_unsubscribe_stopsThem() {
        WsClient ws = open("events");
        ws.send("{\"type\":\"subscribe\",\"event\":\"posted\",\"id\":1}");
        assertThat(ws.next("result").get("id").asInt()).isEqualTo(1);

        t.troupe.actor(Board.class, Key.of("events")).post("first");
        JsonNode event = ws.next("event");
        ws.send("{\"type\":\"unsubscribe\",\"event\":\"posted\",\"id\":2}");
        assertThat(ws.next("result").get("id").asInt()).isEqualTo(2);
        t.troupe.actor(Board.class, Key.of("events")).post("second");
        ws.send("{\"type\":\"action\",\"id\":3,\"name\":\"posts\",\"args\":[]}");

        assertThat(event.get("name").asText()).isEqualTo("posted");
        assertThat(event.get("args").toString()).isEqualTo("[\"first\"]");
        JsonNode after = ws.next();
        assertThat(after.get("type").asText()).isEqualTo("result");
        assertThat(after.get("output").size()).isEqualTo(2);
        ws.close();
    }

    @Test
    void eventsBroadcast_reachEverySubscriber() {
        WsClient a = open("fanout");
        WsClient b = open("fanout");
        a.send("{\"type\":\"subscribe\",\"event\":\"*\",\"id\":1}");
        b.send("{\"type\":\"subscribe\",\"event\":\"posted\",\"id\":1}");
        a.next("result");
        b.next("result");

        t.post("/v1/actors/test-board/actions/post?key=fanout", "{\"args\":[\"all\"]}");

        assertThat(a.next("event").get("args").get(0).asText()).isEqualTo("all");
        assertThat(b.next("event").get("args").get(0).asText()).isEqualTo("all");
        a.close();
        b.close();
    }

    @Test
    void oneBroadcast_reachesEverySubscriber_asTheSameExactFrame() {
        List<WsClient> subscribers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            WsClient ws = open("identical");
            ws.send("{\"type\":\"subscribe\",\"event\":\"*\",\"id\":1}");
            ws.next("result");
            subscribers.add(ws);
        }

        t.post("/v1/actors/test-board/actions/post?key=identical", "{\"args\":[\"a \\\"quoted\\\" post\"]}");
        t.troupe.actor(Board.class, Key.of("identical")).shout("again", 2);

        for (WsClient ws : subscribers) {
            assertThat(ws.nextText("event")).isEqualTo("{\"type\":\"event\",\"name\":\"posted\",\"args\":[\"a \\\"quoted\\\" post\"]}");
            assertThat(ws.nextText("event")).isEqualTo("{\"type\":\"event\",\"name\":\"shout\",\"args\":[\"again\"]}");
            assertThat(ws.nextText("event")).isEqualTo("{\"type\":\"event\",\"name\":\"shout\",\"args\":[\"again\"]}");
            ws.close();
        }
    }

    @Test
    void framesBeforeTheWelcome_connectAnonymously_andAreProcessedInOrder() {
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=eager");

        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"post\",\"args\":[\"a\"]}");
        ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"posts\",\"args\":[]}");

        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        JsonNode first = ws.next("result");
        JsonNode second = ws.next("result");
        assertThat(List.of(first.get("id").asInt(), second.get("id").asInt())).containsExactlyInAnyOrder(1, 2);
        ws.close();
    }

    @Test
    void params_fromTheAuthFrame_reachOnConnect() {
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=params");

        ws.send("{\"type\":\"auth\",\"params\":{\"greeting\":\"hi\"}}");

        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        JsonNode greeted = ws.next("event");
        assertThat(greeted.get("name").asText()).isEqualTo("greeted");
        assertThat(greeted.get("args").toString()).isEqualTo("[\"hi\"]");
        ws.close();
    }

    @Test
    void params_fromTheQuery_reachOnConnect() {
        String params = URLEncoder.encode("{\"greeting\":\"yo\"}", StandardCharsets.UTF_8);
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=qparams&params=" + params);

        ws.send("{\"type\":\"subscribe\",\"event\":\"x\"}");

        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        assertThat(ws.next("event").get("args").toString()).isEqualTo("[\"yo\"]");
        ws.close();
    }

    @Test
    void onBeforeConnectRefusal_sendsTheUserError_andClosesWith4000() {
        // Core refuses the first connection an activation ever sees with actor/internal_error
        // (Activation.connect removes from an immutable empty set); a prior connection avoids that.
        WsClient admitted = open("refusing");
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=refusing");

        ws.send("{\"type\":\"auth\",\"params\":{\"deny\":true}}");

        JsonNode error = ws.next();
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("group").asText() + "/" + error.get("code").asText()).isEqualTo("user/refused");
        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("Refused"));
        assertThat(ws.closeReason()).isEqualTo("user/refused");
        admitted.close();
    }

    @Test
    void connectAndDisconnect_runTheActorsHooks() {
        Board board = t.troupe.actor(Board.class, Key.of("hooks"));
        WsClient ws = open("hooks");
        assertThat(board.connectionCounts()).containsExactly(1, 0);

        ws.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(board.connectionCounts()).containsExactly(1, 1));
    }

    @Test
    void frameOverTheLimit_closesWith1009() {
        WsClient ws = open("huge");

        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"post\",\"args\":[\"" + "x".repeat(9 * 1024) + "\"]}");

        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("TooBig"));
        assertThat(t.troupe.actor(Board.class, Key.of("huge")).posts()).isEmpty();
    }

    @Test
    void destroyingTheActor_closesItsSocketsWith4004() {
        WsClient ws = open("destroyed");

        t.troupe.ref(Board.class, Key.of("destroyed")).destroy();

        JsonNode error = ws.next("error");
        assertThat(error.get("code").asText()).isEqualTo("not_found");
        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("NotFound"));
    }

    @Test
    void tooManyConnections_toOneActor_closesWith4029() {
        try (TestServer small = TestServer.start(config -> config.maxConnectionsPerActor(1))) {
            WsClient first = small.ws("/v1/actors/test-board/connect?key=crowded");
            first.send("{\"type\":\"auth\"}");
            assertThat(first.next().get("type").asText()).isEqualTo("welcome");

            WsClient second = small.ws("/v1/actors/test-board/connect?key=crowded");
            second.send("{\"type\":\"auth\"}");

            JsonNode error = second.next();
            assertThat(error.get("code").asText()).isEqualTo("too_many_connections");
            assertThat(second.closeCode()).isEqualTo(WireFixtures.closeCode("TooManyConnections"));
            first.close();
        }
    }

    @Test
    void plainGetOnConnect_is400() {
        TestServer.Reply reply = t.get("/v1/actors/test-board/connect?key=plain");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("request/invalid_request");
    }
}
