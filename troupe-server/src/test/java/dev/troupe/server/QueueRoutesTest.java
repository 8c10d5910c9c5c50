package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.AccessRule;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Looper;
import dev.troupe.testing.LooperActor;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/actors/{type}/queues/{queue}} and {@code /v1/ids/{id}/queues/{queue}} on a real
 * server: 202 once durable, the handler processes the messages in order, and bad input is a precise 4xx.
 */
class QueueRoutesTest {
    private static final String QUEUE = "/v1/actors/test-recorder/queues/" + RecorderActor.QUEUE;
    private static TestServer t;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store).schedulePollInterval(Duration.ofMillis(50))
                .register(RecorderActor.class, type -> {
                    RecorderActor.options(type);
                    type.allow(CallerType.CLIENT);
                })
                .register(LooperActor.class, type -> LooperActor.options(type.allow(CallerType.CLIENT, AccessRule.CONNECT,
                        "touch", "touched", "seen")))
                .build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static Recorder created(String key) {
        assertThat(t.post("/v1/actors/test-recorder?key=" + key, "").status()).isEqualTo(201);
        return t.troupe.actor(Recorder.class, Key.of(key));
    }

    private static String job(long n) {
        return "{\"message\":{\"from\":\"http\",\"n\":" + n + "}}";
    }

    @Test
    void enqueue_answers202_andTheHandlerProcessesEachMessageOnce_inOrder() {
        Recorder recorder = created("http-order");
        for (long n = 1; n <= 20; n++) {
            TestServer.Reply reply = t.post(QUEUE + "?key=http-order", job(n));
            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.json().get("queue").asText()).isEqualTo(RecorderActor.QUEUE);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.total() == 20);
        assertThat(recorder.last("http")).isEqualTo(20);
        assertThat(recorder.outOfOrder()).isZero();
    }

    @Test
    void enqueue_byId_reachesTheSameActor() {
        Recorder recorder = created("http-by-id");
        String id = t.get("/v1/actors/test-recorder?key=http-by-id").json().get("id").asText();

        assertThat(t.post("/v1/ids/" + id + "/queues/" + RecorderActor.QUEUE, job(1)).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.total() == 1);
    }

    @Test
    void openApi_describesEachDeclaredQueue() {
        JsonNode operation = t.get("/v1/openapi.json").json().path("paths")
                .path(QUEUE).path("post");

        assertThat(operation.path("operationId").asText()).isEqualTo("testRecorder_queue_jobs");
        assertThat(operation.path("responses").has("202")).isTrue();
        assertThat(t.get("/v1/openapi.json").json().path("paths").has("/v1/actors/test-recorder/queues/nope")).isFalse();
    }

    @Test
    void badInput_isAPrecise4xx() {
        created("http-bad");

        assertThat(t.post("/v1/actors/test-recorder/queues/nope?key=http-bad", job(1)).code())
                .isEqualTo("queue/not_found");
        assertThat(t.post(QUEUE + "?key=http-absent", job(1)).code()).isEqualTo("actor/not_found");
        assertThat(t.post(QUEUE + "?key=http-bad", "{\"message\":\"" + "x".repeat(1 << 20) + "\"}").status())
                .isEqualTo(413);
        assertThat(t.post(QUEUE + "?key=http-bad", "{\"msg\":1}").code()).isEqualTo("request/invalid_request");
        assertThat(t.post(QUEUE + "?key=http-bad", "{").code()).isEqualTo("request/invalid_json");
        assertThat(t.send("GET", QUEUE + "?key=http-bad", "").code()).isEqualTo("request/method_not_allowed");
    }

    private static WsClient socket(String type, String key) {
        WsClient ws = t.ws("/v1/actors/" + type + "/connect?key=" + key);
        ws.send("{\"type\":\"auth\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        return ws;
    }

    private static String code(JsonNode frame) {
        return frame.get("group").asText() + "/" + frame.get("code").asText();
    }

    @Test
    void enqueueFrame_isAnsweredOnceDurable_andTheHandlerProcessesEachOnce_inOrder() {
        Recorder recorder = created("ws-order");
        WsClient ws = socket("test-recorder", "ws-order");
        for (long n = 1; n <= 20; n++) {
            ws.send("{\"type\":\"enqueue\",\"id\":" + n + ",\"queue\":\"jobs\",\"message\":{\"from\":\"ws\",\"n\":" + n + "}}");
        }
        for (long n = 1; n <= 20; n++) {
            JsonNode result = ws.next();
            assertThat(result.get("type").asText()).isEqualTo("result");
            assertThat(result.get("id").asLong()).isEqualTo(n);
            assertThat(result.at("/output/queue").asText()).isEqualTo(RecorderActor.QUEUE);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.total() == 20);
        assertThat(recorder.last("ws")).isEqualTo(20);
        assertThat(recorder.outOfOrder()).isZero();
        ws.close();
    }

    @Test
    void badEnqueueFrames_getTheirErrors_andTheSocketStaysOpen() {
        created("ws-bad");
        WsClient ws = socket("test-recorder", "ws-bad");

        ws.send("{\"type\":\"enqueue\",\"queue\":\"jobs\",\"message\":1}");
        assertThat(code(ws.next())).isEqualTo("request/invalid_request");
        ws.send("{\"type\":\"enqueue\",\"id\":1,\"message\":1}");
        assertThat(code(ws.next())).isEqualTo("request/invalid_request");
        ws.send("{\"type\":\"enqueue\",\"id\":2,\"queue\":\"jobs\"}");
        JsonNode noMessage = ws.next();
        assertThat(code(noMessage)).isEqualTo("request/invalid_request");
        assertThat(noMessage.at("/metadata/field").asText()).isEqualTo("message");
        ws.send("{\"type\":\"enqueue\",\"id\":3,\"queue\":\"nope\",\"message\":1}");
        JsonNode undeclared = ws.next();
        assertThat(code(undeclared)).isEqualTo("queue/not_found");
        assertThat(undeclared.get("id").asInt()).isEqualTo(3);
        assertThat(undeclared.at("/metadata/queue").asText()).isEqualTo("nope");

        ws.send("{\"type\":\"enqueue\",\"id\":4,\"queue\":\"jobs\",\"message\":{\"from\":\"ws\",\"n\":1}}");
        assertThat(ws.next().get("type").asText()).as("the socket still enqueues").isEqualTo("result");
        ws.close();
    }

    @Test
    void enqueueFrame_ofAClientWithoutTheEnqueueRule_isForbidden() {
        t.troupe.actor(Looper.class, Key.of("ws-guarded")).touch();
        WsClient ws = socket("test-looper", "ws-guarded");

        ws.send("{\"type\":\"enqueue\",\"id\":1,\"queue\":\"jobs\",\"message\":{\"text\":\"x\"}}");

        assertThat(code(ws.next())).isEqualTo("auth/forbidden");
        assertThat(t.troupe.actor(Looper.class, Key.of("ws-guarded")).seen()).isEmpty();
        ws.close();
    }
}
