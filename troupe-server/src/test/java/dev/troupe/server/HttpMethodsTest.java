package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code HEAD}, {@code OPTIONS} and methods a route lacks, alike on every route. */
class HttpMethodsTest {
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        t.post("/v1/actors/test-counter?key=head", "{}");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/v1/openapi.json",
            "/v1/actors/test-counter?key=head",
            "/v1/actors/test-counter/view?key=head",
            "/healthz",
            "/readyz",
            "/metrics"})
    void head_answersLikeGet_withoutTheBody_keepingTheLength(String path) {
        TestServer.Reply get = t.get(path);
        TestServer.Reply head = t.send("HEAD", path, null);

        assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("content-type")).isEqualTo(get.headers().firstValue("content-type"));
        long length = head.headers().firstValueAsLong("content-length").orElseThrow();
        if (path.equals("/metrics")) {
            assertThat(length).isPositive();
        } else {
            assertThat(length).isEqualTo(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void head_ofAnAbsentActor_is404LikeGet_withoutTheBody() {
        TestServer.Reply head = t.send("HEAD", "/v1/actors/test-counter?key=nobody-here", null);

        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void head_ofAnActor_neverDestroysOrCreatesIt() {
        t.send("HEAD", "/v1/actors/test-counter?key=head", null);
        t.send("HEAD", "/v1/actors/test-counter/view?key=head-absent", null);

        assertThat(t.get("/v1/actors/test-counter?key=head").status()).isEqualTo(200);
        assertThat(t.get("/v1/actors/test-counter?key=head-absent").status()).isEqualTo(404);
    }

    @Test
    void head_ofAnEventStream_answersItsHeaders_withoutConnectingOrCreating() {
        TestServer.Reply head = t.send("HEAD", "/v1/actors/test-board/events?key=head-stream", null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        assertThat(head.body()).isEmpty();
        assertThat(t.get("/v1/actors/test-board?key=head-stream").status()).isEqualTo(404);
    }

    @Test
    void head_ofTheWebSocketRoute_answersAsAGetWithoutUpgrade() {
        TestServer.Reply head = t.send("HEAD", "/v1/actors/test-board/connect?key=head-socket", null);

        assertThat(head.status()).isEqualTo(400);
        assertThat(head.headers().firstValue("upgrade")).hasValue("websocket");
        assertThat(head.body()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/v1/openapi.json | GET, HEAD, OPTIONS",
            "/v1/actors/test-counter?key=o | GET, HEAD, POST, DELETE, OPTIONS",
            "/v1/actors/test-counter/actions/increment?key=o | POST, OPTIONS",
            "/v1/actors/test-counter/view?key=o | GET, HEAD, OPTIONS",
            "/v1/actors/test-board/events?key=o | GET, HEAD, OPTIONS",
            "/v1/actors/test-board/connect?key=o | GET, HEAD, OPTIONS",
            "/healthz | GET, HEAD, OPTIONS",
            "/metrics | GET, HEAD, OPTIONS"})
    void options_is204_withTheRoutesMethods(String path, String allow) {
        TestServer.Reply reply = t.send("OPTIONS", path, null);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headers().firstValue("allow")).hasValue(allow);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void options_neverCreatesTheActor() {
        t.send("OPTIONS", "/v1/actors/test-counter/actions/increment?key=options-only", null);

        assertThat(t.get("/v1/actors/test-counter?key=options-only").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "HEAD | /v1/actors/test-counter/actions/increment?key=m | POST, OPTIONS",
            "GET | /v1/actors/test-counter/actions/increment?key=m | POST, OPTIONS",
            "PUT | /v1/actors/test-counter?key=m | GET, HEAD, POST, DELETE, OPTIONS",
            "POST | /v1/actors/test-counter/view?key=m | GET, HEAD, OPTIONS",
            "DELETE | /v1/openapi.json | GET, HEAD, OPTIONS",
            "PATCH | /healthz | GET, HEAD, OPTIONS"})
    void aMethodTheRouteLacks_is405_withAllow_andTheJsonError(String method, String path, String allow) {
        TestServer.Reply reply = t.send(method, path, null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.headers().firstValue("allow")).hasValue(allow);
        if (!method.equals("HEAD")) {
            assertThat(reply.code()).isEqualTo("request/method_not_allowed");
            assertThat(reply.json().at("/metadata/allow").asText()).isEqualTo(allow);
        }
    }

    @Test
    void headAndOptions_onAnUnknownRoute_are404() {
        assertThat(t.send("HEAD", "/v1/nothing", null).status()).isEqualTo(404);
        TestServer.Reply options = t.send("OPTIONS", "/v1/nothing", null);
        assertThat(options.status()).isEqualTo(404);
        assertThat(options.code()).isEqualTo("request/not_found");
    }
}
