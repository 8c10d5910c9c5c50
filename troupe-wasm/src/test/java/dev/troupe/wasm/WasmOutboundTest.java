package dev.troupe.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.history.History;
import dev.troupe.history.ReplayReport;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host functions that reach out of the sandbox: {@code call} another actor by name, and {@code http}. */
class WasmOutboundTest {
    /** The outbound module's actions, so the test can call it and read its history by contract. */
    interface Outbound {
        JsonNode bump();

        JsonNode bumpMissing();

        JsonNode badKey();

        JsonNode fetch(Map<String, Object> request);
    }

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private Troupe troupe;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("pong " + exchange.getRequestMethod() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            String probe = exchange.getRequestHeaders().getFirst("X-Probe");
            if (probe != null) {
                exchange.getResponseHeaders().add("X-Echo", probe);
            }
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void close() {
        if (troupe != null) {
            troupe.close();
        }
        server.stop(0);
    }

    private Outbound outbound(String key, String... capabilities) throws Exception {
        String manifest = """
                {"name": "outbound", "capabilities": %s, "actions": [
                  {"name": "bump"}, {"name": "bumpMissing"}, {"name": "badKey"},
                  {"name": "fetch", "parameters": [{"name": "request", "schema": {"type": "object"}}]}]}
                """.formatted(Json.mapper().writeValueAsString(List.of(capabilities)));
        WasmDefinition definition = WasmDefinition.builder(Manifest.parse(manifest.getBytes(StandardCharsets.UTF_8)))
                .module(Examples.module("outbound")).contract(Outbound.class).build();
        troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class)
                .register(definition, type -> type.allow(CallerType.CLIENT).history()).build();
        return troupe.actor(Outbound.class, Key.of(key));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/echo";
    }

    @Test
    void call_reachesAnotherActorByName_andAnswersItsResultOrError() throws Exception {
        Outbound actor = outbound("a", "call");

        JsonNode first = actor.bump();
        assertThat(first.path("result").asLong()).as(first.toString()).isEqualTo(2);
        assertThat(actor.bump().path("result").asLong()).isEqualTo(4);
        assertThat(troupe.actor(Counter.class, Key.of("w")).count()).isEqualTo(4);

        JsonNode missing = actor.bumpMissing();
        assertThat(missing.path("error").path("group").asText()).isEqualTo("actor");
        assertThat(missing.path("error").path("code").asText()).isEqualTo("action_not_found");
        assertThatThrownBy(actor::badKey).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(ErrorCode.WASM_INVALID_MODULE)).as(e.getMessage()).isTrue());
    }

    @Test
    void http_exchangesWithTheJdkClient_andAnswersStatusHeadersAndBody() throws Exception {
        Outbound actor = outbound("h", "http");

        JsonNode answer = actor.fetch(Map.of("method", "POST", "url", url(), "body", "hello",
                "headers", Map.of("X-Probe", "p1")));

        assertThat(answer.path("status").asInt()).isEqualTo(201);
        assertThat(answer.path("body").asText()).isEqualTo("pong POST hello");
        assertThat(answer.path("headers").path("x-echo").get(0).asText()).isEqualTo("p1");
    }

    @Test
    void withoutTheCapabilities_callAndHttpAreRefused() throws Exception {
        Outbound actor = outbound("n", "state");

        assertThatThrownBy(actor::bump).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(ErrorCode.WASM_CAPABILITY_DENIED)).as(e.getMessage()).isTrue());
        assertThatThrownBy(() -> actor.fetch(Map.of("url", url()))).isInstanceOfSatisfying(TroupeException.class,
                e -> assertThat(e.error().is(ErrorCode.WASM_CAPABILITY_DENIED)).as(e.getMessage()).isTrue());
        assertThat(requests).hasValue(0);
        assertThat(troupe.actor(Counter.class, Key.of("w")).count()).isZero();
    }

    @Test
    void http_badRequestsAndFailedExchanges_failTheTurnWithTheirCodes() throws Exception {
        Outbound actor = outbound("f", "http");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("url", "file:///etc/passwd"),
                Map.of("url", url(), "method", "BREW"), Map.of("url", url(), "body", 5),
                Map.of("url", url(), "headers", Map.of("Host", "elsewhere")))) {
            assertThatThrownBy(() -> actor.fetch(bad)).as(bad.toString()).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.error().is(ErrorCode.WASM_INVALID_MODULE)).as(e.getMessage()).isTrue());
        }
        assertThatThrownBy(() -> actor.fetch(Map.of("url", "http://127.0.0.1:" + closedPort + "/")))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().is(ErrorCode.WASM_HTTP_FAILED)).as(e.getMessage()).isTrue());
        assertThat(requests).hasValue(0);
    }

    @Test
    void replay_takesCallsAndHttpFromTheEntries_withoutCallingAgain() throws Exception {
        Outbound actor = outbound("r", "call", "http");
        actor.bump();
        actor.fetch(Map.of("url", url()));
        actor.bumpMissing();
        int served = requests.get();
        long count = troupe.actor(Counter.class, Key.of("w")).count();

        History history = troupe.history(Outbound.class, Key.of("r"));
        ReplayReport replay = history.replay();

        assertThat(replay.deterministic()).as(replay.problem()).isTrue();
        assertThat(history.verify().valid()).isTrue();
        assertThat(Json.mapper().readTree(history.entries(2, 1).getFirst().effects()).get(0).path("name").asText())
                .isEqualTo("call:test-counter.increment");
        assertThat(requests).hasValue(served);
        assertThat(troupe.actor(Counter.class, Key.of("w")).count()).isEqualTo(count);
    }
}
