package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.server.testing.GateActor;
import dev.troupe.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames sent while the connection is being made are held and run after the welcome, in order, as
 * docs/protocol.md says; beyond 64, each gets its error and is dropped.
 */
class HeldFramesTest {
    private static TestServer t;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        t = TestServer.start(store, TestServer.builder(store)
                .register(GateActor.class, type -> type.allow(CallerType.CLIENT)).build(), UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        GateActor.OPEN.countDown();
        t.close();
    }

    @Test
    void framesBeforeTheWelcome_runAfterIt_inOrder_andThoseBeyond64_getAnErrorEach() {
        WsClient ws = t.ws("/v1/actors/test-gate/connect?key=held");
        ws.send("{\"type\":\"auth\"}");
        for (int id = 1; id <= 66; id++) {
            ws.send("{\"type\":\"action\",\"id\":" + id + ",\"name\":\"echo\",\"args\":[" + id + "]}");
        }
        JsonNode over65 = ws.next();
        JsonNode over66 = ws.next();

        GateActor.OPEN.countDown();
        JsonNode welcome = ws.next();
        List<Integer> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            results.add(ws.next("result").get("output").asInt());
        }

        assertThat(List.of(over65, over66)).allSatisfy(error -> {
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("invalid_request");
            assertThat(error.get("metadata").get("limit").asInt()).isEqualTo(64);
        });
        assertThat(over65.get("id").asInt()).isEqualTo(65);
        assertThat(over66.get("id").asInt()).isEqualTo(66);
        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        assertThat(results).containsExactlyElementsOf(IntStream.rangeClosed(1, 64).boxed().toList());
        ws.close();
    }
}
