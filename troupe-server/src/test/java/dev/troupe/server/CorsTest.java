package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS: same-origin by default; configured origins, exact or by pattern, get Jetty's CORS answers. */
class CorsTest {
    private static final String ACTION = "/v1/actors/test-counter/actions/increment?key=cors";
    private static final String APP = "https://app.example.com";
    private static TestServer sameOrigin;
    private static TestServer cors;

    @BeforeAll
    static void start() {
        sameOrigin = TestServer.start();
        cors = TestServer.start(config -> config.corsOrigins(APP)
                .corsOriginPatterns("https://.*\\.preview\\.example\\.com")
                .corsExposedHeaders("X-Troupe-Test"));
    }

    @AfterAll
    static void stop() {
        sameOrigin.close();
        cors.close();
    }

    private static TestServer.Reply preflight(TestServer server, String origin) {
        return server.send("OPTIONS", ACTION, null, "Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type");
    }

    @Test
    void byDefault_aPreflightFromAnotherOrigin_is403_originNotAllowed_withoutCorsHeaders() {
        TestServer.Reply reply = preflight(sameOrigin, APP);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("request/origin_not_allowed");
        assertThat(reply.json().at("/metadata/origin").asText()).isEqualTo(APP);
        assertThat(reply.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void byDefault_aCallFromAnotherOrigin_isAnsweredWithoutCorsHeaders_soTheBrowserHidesIt() {
        TestServer.Reply reply = sameOrigin.post(ACTION, "{\"args\":[1]}", "Origin", APP);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(reply.headers().allValues("vary")).contains("Origin");
    }

    @Test
    void anAllowedOrigin_getsThePreflightAnswered_withMethodsHeadersAndMaxAge() {
        TestServer.Reply reply = preflight(cors, APP);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headers().firstValue("access-control-allow-origin")).hasValue(APP);
        assertThat(reply.headers().firstValue("access-control-allow-methods").orElseThrow().split(","))
                .containsExactlyInAnyOrder("GET", "HEAD", "POST", "DELETE");
        assertThat(reply.headers().firstValue("access-control-allow-headers").orElseThrow().split(","))
                .containsExactlyInAnyOrder("Authorization", "Content-Type", "Last-Event-ID");
        assertThat(reply.headers().firstValue("access-control-max-age")).hasValue("600");
        assertThat(reply.headers().firstValue("access-control-allow-credentials")).isEmpty();
        assertThat(reply.headers().firstValue("allow")).hasValue("POST, OPTIONS");
    }

    @Test
    void anAllowedOrigin_getsItsCallsAnswered_withTheOriginAndTheExposedHeaders() {
        TestServer.Reply reply = cors.post(ACTION, "{\"args\":[1]}", "Origin", APP);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("access-control-allow-origin")).hasValue(APP);
        assertThat(reply.headers().firstValue("access-control-expose-headers").orElseThrow().split(","))
                .containsExactlyInAnyOrder("Allow", "X-Troupe-Test");
    }

    @Test
    void anOriginMatchingAPattern_isAllowed_andOneThatDoesNot_isRefused() {
        assertThat(preflight(cors, "https://pr-12.preview.example.com").status()).isEqualTo(204);
        assertThat(preflight(cors, "https://preview.example.com.evil.test").status()).isEqualTo(403);
        assertThat(preflight(cors, "http://app.example.com").status()).isEqualTo(403);
    }

    @Test
    void aWebSocketFromAnotherOrigin_isRefusedBeforeTheUpgrade_butOneFromAnAllowedOrTheSameOrigin_opens()
            throws IOException {
        assertThat(upgrade(sameOrigin, "https://evil.example").status()).isEqualTo(403);
        assertThat(upgrade(cors, "https://evil.example").status()).isEqualTo(403);
        assertThat(upgrade(cors, APP).status()).isEqualTo(101);
        assertThat(upgrade(sameOrigin, "http://127.0.0.1:" + sameOrigin.server.port()).status()).isEqualTo(101);
        assertThat(upgrade(sameOrigin, null).status()).isEqualTo(101);
    }

    @Test
    void aRefusedWebSocket_carriesTheJsonError() throws IOException {
        TestServer.Reply reply = upgrade(sameOrigin, "https://evil.example");

        assertThat(reply.code()).isEqualTo("request/origin_not_allowed");
    }

    /** The answer to a WebSocket handshake sent with {@code origin} (none if null). */
    private static TestServer.Reply upgrade(TestServer server, String origin) throws IOException {
        try (RawClient raw = new RawClient(server.server.port())) {
            String request = "GET /v1/actors/test-board/connect?key=cors HTTP/1.1\r\nHost: 127.0.0.1:"
                    + server.server.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
            return raw.exchange(request.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
