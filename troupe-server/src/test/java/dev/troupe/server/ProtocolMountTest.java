package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import dev.troupe.server.v1.ProtocolV1;
import dev.troupe.testing.Counter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second protocol mounted beside wire protocol v1 on a real server: both serve, nothing else changes. */
class ProtocolMountTest {
    private static TestServer t;

    /**
     * A tiny protocol at {@code /echo}: {@code GET /echo/{word}} answers {@code {"echo":word}}, and
     * {@code GET /echo/count/{key}} reads a {@code test-counter} through the runtime the server shares.
     */
    static final class Echo implements Protocol {
        @Override
        public String pathPrefix() {
            return "/echo";
        }

        @Override
        public @Nullable Route route(String path) {
            String[] parts = path.substring("/echo".length()).split("/", -1);
            if (parts.length == 2 && !parts[1].isEmpty()) {
                return Route.of("/echo/{word}", List.of("GET"), ex -> echo(ex, parts[1]));
            }
            if (parts.length == 3 && parts[1].equals("count") && !parts[2].isEmpty()) {
                return Route.call("/echo/count/{key}", List.of("GET"), ex -> count(ex, parts[2]));
            }
            return null;
        }

        private static void echo(Exchange ex, String word) {
            if (word.equals("refuse")) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "echo refuses", Map.of("word", word));
            }
            ex.json(200, Json.mapper().createObjectNode().put("echo", word));
        }

        private static void count(Exchange ex, String key) {
            long count = ex.gateway().troupe().actor(Counter.class, Key.of(key)).count();
            ex.json(200, Json.mapper().createObjectNode().put("count", count));
        }
    }

    @BeforeAll
    static void start() {
        t = TestServer.start(config -> config.mount(new Echo()));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void mountedProtocol_servesItsRoutes() {
        TestServer.Reply reply = t.get("/echo/hello");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("echo").asText()).isEqualTo("hello");
        assertThat(reply.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void mountedProtocol_andV1_shareTheRuntime() {
        TestServer.Reply v1 = t.post("/v1/actors/test-counter/actions/increment?key=shared", "{\"args\":[7]}");
        TestServer.Reply echo = t.get("/echo/count/shared");

        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.json().get("output").asLong()).isEqualTo(7);
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.json().get("count").asLong()).isEqualTo(7);
    }

    @Test
    void mountedProtocol_getsTheSharedErrorHandling() {
        TestServer.Reply refused = t.get("/echo/refuse");
        TestServer.Reply wrongMethod = t.post("/echo/hello", "{}");
        TestServer.Reply pathParameter = t.get("/echo/hello;x=1");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("request/invalid_request");
        assertThat(refused.json().at("/metadata/word").asText()).isEqualTo("refuse");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("request/method_not_allowed");
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET, HEAD, OPTIONS");
        assertThat(pathParameter.status()).isEqualTo(400);
        assertThat(pathParameter.code()).isEqualTo("request/invalid_request");
    }

    @Test
    void unmatchedPaths_answerJson404_underEveryPrefixAndOutside() {
        for (String path : new String[] {"/echo", "/echo/", "/echo/a/b", "/nothing", "/echoes/x", "/v1/nothing"}) {
            TestServer.Reply reply = t.get(path);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.code()).as(path).isEqualTo("request/not_found");
            assertThat(reply.json().at("/metadata/path").asText()).as(path).isEqualTo(path);
        }
    }

    @Test
    void metrics_labelTheMountedProtocolsRoutesByTemplate() {
        t.get("/echo/metered");

        assertThat(t.get("/metrics").body())
                .contains("troupe_http_requests_total{method=\"GET\",route=\"/echo/{word}\",status=\"200\"}")
                .doesNotContain("metered");
    }

    @Test
    void mount_refusesTakenOrMalformedPrefixes() {
        ServerConfig config = ServerConfig.port(0).mount(new Echo());

        assertThatThrownBy(() -> config.mount(new Echo())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/echo");
        for (String prefix : new String[] {ProtocolV1.PREFIX, "/healthz", "/metrics", "", "/", "echo", "/a/b"}) {
            Protocol at = new Protocol() {
                @Override
                public String pathPrefix() {
                    return prefix;
                }

                @Override
                public @Nullable Route route(String path) {
                    return null;
                }
            };
            assertThatThrownBy(() -> ServerConfig.port(0).mount(at)).as(prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(config.protocols()).hasSize(1);
    }
}
