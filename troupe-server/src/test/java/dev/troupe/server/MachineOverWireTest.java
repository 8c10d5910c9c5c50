package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.server.testing.DoorMachine;
import dev.troupe.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine actor over HTTP and WebSocket: events per caller type (refusals with their codes), each
 * caller's private view, and snapshot fetches that wait for a state or an event.
 */
class MachineOverWireTest {
    private static final String DOOR = "/v1/actors/" + DoorMachine.TYPE;
    private static TestServer t;
    private static String alice;
    private static String bob;
    private static String billing;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        t = TestServer.start(store, TestServer.builder(store)
                .register(DoorMachine.definition(), type -> type.allow(CallerType.CLIENT)).build(), UnaryOperator.identity());
        alice = "Bearer " + t.tokens().client("alice").issue();
        bob = "Bearer " + t.tokens().client("bob").issue();
        billing = "Bearer " + t.tokens().service("billing").issue();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static TestServer.Reply send(String key, String token, String event) {
        return t.post(DOOR + "/actions/send?key=" + key, "{\"args\":[" + event + "]}", "Authorization", token);
    }

    private static TestServer.Reply view(String key, String token, String query) {
        return t.get(DOOR + "/view?key=" + key + query, "Authorization", token);
    }

    @Test
    void send_answersTheCallersView_andRefusesWhatTheCallerTypeMayNotSend() {
        TestServer.Reply opened = send("http", alice, "{\"type\":\"OPEN\"}");
        TestServer.Reply locked = send("http", alice, "{\"type\":\"LOCK\"}");
        TestServer.Reply unknown = send("http", alice, "{\"type\":\"SLAM\"}");
        TestServer.Reply invalid = send("http", alice, "{\"type\":\"NOTE\",\"text\":7}");

        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().get("output").toString())
                .isEqualTo("{\"public\":{\"opens\":1},\"private\":{},\"value\":\"opened\"}");
        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.code()).isEqualTo("machine/event_forbidden");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("machine/unknown_event");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("machine/invalid_event");
        assertThat(invalid.json().get("message").asText()).contains("NOTE").contains("expected a string");
        assertThat(view("http", alice, "").json().at("/view/value").asText()).isEqualTo("opened");
    }

    @Test
    void serviceOnlyEvent_isAcceptedFromAService() {
        TestServer.Reply locked = send("service", billing, "{\"type\":\"LOCK\"}");

        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.json().at("/output/value").asText()).isEqualTo("locked");
    }

    @Test
    void privateData_reachesOnlyItsCaller() {
        send("private", alice, "{\"type\":\"NOTE\",\"text\":\"alice's secret\"}");

        assertThat(view("private", alice, "").json().at("/view/private/draft").asText()).isEqualTo("alice's secret");
        assertThat(view("private", bob, "").body()).doesNotContain("alice's secret");
        assertThat(view("private", bob, "").json().at("/view/private").toString()).isEqualTo("{}");
    }

    @Test
    void send_overWebSocket_answersOrRefusesWithTheSameCodes() {
        WsClient ws = t.ws(DOOR + "/connect?key=socket");
        ws.send("{\"type\":\"auth\",\"token\":\"" + alice.substring("Bearer ".length()) + "\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");

        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"send\",\"args\":[{\"type\":\"LOCK\"}]}");
        JsonNode refused = ws.next();
        ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"send\",\"args\":[{\"type\":\"OPEN\"}]}");
        JsonNode result = ws.next("result");

        assertThat(refused.get("group").asText() + "/" + refused.get("code").asText()).isEqualTo("machine/event_forbidden");
        assertThat(result.at("/output/value").asText()).isEqualTo("opened");
        ws.close();
    }

    @Test
    void waitForState_answersOnceTheMachineIsInIt() {
        send("wait-state", alice, "{\"type\":\"NOTE\",\"text\":\"x\"}");
        CompletableFuture<TestServer.Reply> waiting = CompletableFuture.supplyAsync(
                () -> view("wait-state", alice, "&waitForState=opened&waitMs=20000"));
        TestServer.Reply already = view("wait-state", alice, "&waitForState=closed&waitMs=0");

        send("wait-state", alice, "{\"type\":\"OPEN\"}");

        assertThat(already.status()).isEqualTo(200);
        TestServer.Reply answered = waiting.join();
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().at("/view/value").asText()).isEqualTo("opened");
    }

    @Test
    void waitForEvent_answersOnceTheMachineProcessedOne() {
        send("wait-event", alice, "{\"type\":\"OPEN\"}");
        CompletableFuture<TestServer.Reply> waiting = CompletableFuture.supplyAsync(
                () -> view("wait-event", bob, "&waitForEvent=NOTE&waitMs=20000"));
        // The wait may connect after a NOTE: send until one is processed while it waits.
        await().until(() -> {
            send("wait-event", alice, "{\"type\":\"NOTE\",\"text\":\"ping\"}");
            return waiting.isDone();
        });

        TestServer.Reply answered = waiting.join();
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().at("/view/value").asText()).isEqualTo("opened");
    }

    @Test
    void waits_thatPass_areMachineWaitTimeout() {
        TestServer.Reply state = view("timeout", alice, "&mode=getOrCreate&waitForState=locked&waitMs=50");
        TestServer.Reply event = view("timeout", alice, "&waitForEvent=LOCK&waitMs=50");

        assertThat(state.status()).isEqualTo(408);
        assertThat(state.code()).isEqualTo("machine/wait_timeout");
        assertThat(event.status()).isEqualTo(408);
        assertThat(event.code()).isEqualTo("machine/wait_timeout");
    }

    private static WsClient socket(String key, String token) {
        WsClient ws = t.ws(DOOR + "/connect?key=" + key);
        ws.send("{\"type\":\"auth\",\"token\":\"" + token.substring("Bearer ".length()) + "\"}");
        ws.next("welcome");
        return ws;
    }

    @Test
    void waitFrames_answerTheSnapshotOnceTheStateOrEventComes() {
        send("ws-wait", alice, "{\"type\":\"NOTE\",\"text\":\"mine\"}");
        WsClient ws = socket("ws-wait", alice);
        ws.send("{\"type\":\"wait\",\"id\":\"state\",\"waitForState\":\"opened\",\"waitMs\":20000}");
        ws.send("{\"type\":\"wait\",\"id\":\"event\",\"waitForEvent\":\"CLOSE\",\"waitMs\":20000}");
        // A wait may connect after the event it waits for: send until both are answered.
        List<JsonNode> results = new ArrayList<>();
        await().until(() -> {
            send("ws-wait", alice, "{\"type\":\"OPEN\"}");
            send("ws-wait", alice, "{\"type\":\"CLOSE\"}");
            ws.poll().filter(frame -> frame.path("type").asText().equals("result")).ifPresent(results::add);
            return results.size() == 2;
        });

        assertThat(results).extracting(result -> result.get("id").asText()).containsExactlyInAnyOrder("state", "event");
        for (JsonNode result : results) {
            assertThat(result.at("/output/view/private/draft").asText()).isEqualTo("mine");
            assertThat(result.at("/output/checksum").asText()).isNotEmpty();
        }
        assertThat(results).filteredOn(result -> result.get("id").asText().equals("state"))
                .singleElement().satisfies(result -> assertThat(result.at("/output/view/value").asText()).isEqualTo("opened"));
        ws.close();
    }

    @Test
    void waitFrames_thatPass_areMachineWaitTimeout_andTheSocketStaysOpen() {
        WsClient ws = socket("ws-timeout", alice);
        ws.send("{\"type\":\"wait\",\"id\":1,\"waitForState\":{\"locked\":\"x\"},\"waitMs\":50}");
        JsonNode timedOut = ws.next("error");
        ws.send("{\"type\":\"wait\",\"id\":2,\"waitForState\":\"closed\",\"waitMs\":0}");
        JsonNode already = ws.next("result");

        assertThat(timedOut.get("id").asInt()).isEqualTo(1);
        assertThat(timedOut.get("group").asText() + "/" + timedOut.get("code").asText()).isEqualTo("machine/wait_timeout");
        assertThat(timedOut.at("/metadata/waitMs").asLong()).isEqualTo(50);
        assertThat(already.at("/output/view/value").asText()).isEqualTo("closed");
        ws.close();
    }
}
