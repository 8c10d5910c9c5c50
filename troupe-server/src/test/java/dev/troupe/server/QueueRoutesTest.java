package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
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
                }).build();
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
}
