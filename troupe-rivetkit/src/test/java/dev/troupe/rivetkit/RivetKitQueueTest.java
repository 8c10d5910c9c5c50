package dev.troupe.rivetkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RivetKit's {@code handle.send(name, body)}: {@code POST /gateway/{target}/queue/{name}} with the body
 * RivetKit 2.3.19 sends ({@code {body, name, wait, timeout}}), in json and cbor, reaching the actor's
 * queue handler in order; {@code wait: true} and an undeclared queue are precise errors.
 */
class RivetKitQueueTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Troupe troupe;
    private static TroupeServer server;

    @BeforeAll
    static void start() {
        troupe = Troupe.builder().store(new MemoryStore()).schedulePollInterval(Duration.ofMillis(50))
                .register(RecorderActor.class, type -> {
                    RecorderActor.options(type);
                    type.allow(CallerType.CLIENT);
                }).build();
        server = TroupeServer.start(troupe, RivetKit.defaults().mountOn(ServerConfig.port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
        troupe.close();
    }

    private static String path(String key, String queue) {
        return "/gateway/test-recorder/queue/" + queue + "?rvt-namespace=default&rvt-method=getOrCreate"
                + "&rvt-runner=default&rvt-key=" + key + "&rvt-crash-policy=sleep";
    }

    private static ObjectNode request(long n, boolean wait) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.putObject("body").put("from", "rivet").put("n", n);
        return request.put("name", RecorderActor.QUEUE).put("wait", wait).put("timeout", 1000);
    }

    private static HttpResponse<byte[]> post(String path, String encoding, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("x-rivet-encoding", encoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String code(HttpResponse<byte[]> response) throws Exception {
        JsonNode error = Json.mapper().readTree(response.body());
        return error.get("group").asText() + "/" + error.get("code").asText();
    }

    @Test
    void send_inJsonAndCbor_createsTheActor_andReachesItsQueueHandlerInOrder() throws Exception {
        for (long n = 1; n <= 6; n++) {
            byte[] body = n % 2 == 0 ? Cbor.write(request(n, false))
                    : request(n, false).toString().getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> response = post(path("rivet-order", RecorderActor.QUEUE), n % 2 == 0 ? "cbor" : "json",
                    body);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode answer = n % 2 == 0 ? Cbor.read(response.body(), "answer") : Json.mapper().readTree(response.body());
            assertThat(answer.get("status").asText()).isEqualTo("completed");
        }

        Recorder recorder = troupe.actor(Recorder.class, Key.of("rivet-order"));
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.total() == 6);
        assertThat(recorder.last("rivet")).isEqualTo(6);
        assertThat(recorder.outOfOrder()).isZero();
    }

    @Test
    void waitForCompletion_isNotSupported_andAnUndeclaredQueue_isQueueNotFound() throws Exception {
        HttpResponse<byte[]> waiting = post(path("rivet-bad", RecorderActor.QUEUE), "json",
                request(1, true).toString().getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> unknown = post(path("rivet-bad", "nope"), "json",
                request(1, false).toString().getBytes(StandardCharsets.UTF_8));

        assertThat(waiting.statusCode()).isEqualTo(501);
        assertThat(code(waiting)).isEqualTo("actor/not_supported");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("queue/not_found");
    }
}
