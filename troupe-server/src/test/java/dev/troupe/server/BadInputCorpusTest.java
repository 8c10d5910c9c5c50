package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.server.testing.Board;
import dev.troupe.testing.Counter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed HTTP requests and WebSocket frames, each with its exact status (or close code) and error
 * code. Afterwards the server is healthy and no actor changed or came into being.
 */
class BadInputCorpusTest {
    private static final String INC = "/v1/actors/test-counter/actions/increment?key=corpus";
    private static final String FRESH = "/v1/actors/test-counter/actions/increment?key=never";
    private static TestServer t;
    private static String expired;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        t.troupe.actor(Counter.class, Key.of("corpus")).increment(5);
        t.troupe.actor(Board.class, Key.of("corpus")).post("seed");
        expired = "Bearer " + t.tokens().client("late").expiresAt(Instant.now().minusSeconds(30)).issue();
    }

    @AfterAll
    static void serverIsHealthy_andNothingChanged() {
        try {
            assertThat(t.get("/healthz").status()).isEqualTo(200);
            assertThat(t.troupe.actor(Counter.class, Key.of("corpus")).count()).isEqualTo(5);
            assertThat(t.troupe.actor(Board.class, Key.of("corpus")).posts()).containsExactly("seed");
            for (String key : List.of("never", "fresh-input", "fresh-create", "fresh-get")) {
                assertThat(t.troupe.ref(Counter.class, Key.of(key)).info()).as("actor %s", key).isEmpty();
            }
        } finally {
            t.close();
        }
    }

    private static Arguments http(String name, String method, String path, String body, int status, String code,
                                  String... headers) {
        return Arguments.of(name, method, path, body, status, code, headers);
    }

    static Stream<Arguments> httpCases() {
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        List<Arguments> cases = new ArrayList<>(List.of(
                http("truncated JSON", "POST", INC, "{", 400, "request/invalid_json"),
                http("garbage body", "POST", INC, "args=1", 400, "request/invalid_json"),
                http("array body", "POST", INC, "[1]", 400, "request/invalid_request"),
                http("string body", "POST", INC, "\"1\"", 400, "request/invalid_request"),
                http("number body", "POST", INC, "1", 400, "request/invalid_request"),
                http("trailing tokens", "POST", INC, "{\"args\":[1]} {}", 400, "request/invalid_json"),
                http("duplicate field", "POST", INC, "{\"args\":[1],\"args\":[2]}", 400, "request/invalid_json"),
                http("single quotes", "POST", INC, "{'args':[1]}", 400, "request/invalid_json"),
                http("control character", "POST", "/v1/actors/test-board/actions/post?key=corpus",
                        "{\"args\":[\"a\u0001b\"]}", 400, "request/invalid_json"),
                http("nesting too deep", "POST", INC, "{\"args\":" + deep + "}", 400, "request/invalid_json"),
                http("args not an array", "POST", INC, "{\"args\":\"1\"}", 400, "request/invalid_args"),
                http("args an object", "POST", INC, "{\"args\":{\"amount\":1}}", 400, "request/invalid_args"),
                http("too few args", "POST", INC, "{\"args\":[]}", 400, "request/invalid_args"),
                http("too many args", "POST", INC, "{\"args\":[1,2]}", 400, "request/invalid_args"),
                http("string for long", "POST", INC, "{\"args\":[\"1\"]}", 400, "request/invalid_args"),
                http("fraction for long", "POST", INC, "{\"args\":[1.5]}", 400, "request/invalid_args"),
                http("null for long", "POST", INC, "{\"args\":[null]}", 400, "request/invalid_args"),
                http("boolean for long", "POST", INC, "{\"args\":[true]}", 400, "request/invalid_args"),
                http("object for long", "POST", INC, "{\"args\":[{}]}", 400, "request/invalid_args"),
                http("long overflow", "POST", INC, "{\"args\":[99999999999999999999999]}", 400,
                        "request/invalid_args"),
                http("object for string", "POST", "/v1/actors/test-board/actions/post?key=corpus",
                        "{\"args\":[{\"text\":\"x\"}]}", 400, "request/invalid_args"),
                http("unknown body field", "POST", INC, "{\"argz\":[1]}", 400, "request/invalid_request"),
                http("body over 1 MiB", "POST", INC, "{\"args\":[\"" + "x".repeat((1 << 20) + 1) + "\"]}", 413,
                        "request/too_large"),
                http("unknown type", "POST", "/v1/actors/nope/actions/increment?key=corpus", "{\"args\":[1]}", 404,
                        "actor/type_not_found"),
                http("unknown action", "POST", "/v1/actors/test-counter/actions/nope?key=corpus", "{}", 404,
                        "actor/action_not_found"),
                http("nine key parts", "POST",
                        "/v1/actors/test-counter/actions/increment?key=1&key=2&key=3&key=4&key=5&key=6&key=7&key=8&key=9",
                        "{\"args\":[1]}", 400, "request/invalid_key"),
                http("empty key part", "POST", "/v1/actors/test-counter/actions/increment?key=", "{\"args\":[1]}",
                        400, "request/invalid_key"),
                http("empty second key part", "POST", INC + "&key=", "{\"args\":[1]}", 400, "request/invalid_key"),
                http("key part over 128 bytes", "POST",
                        "/v1/actors/test-counter/actions/increment?key=" + "k".repeat(129), "{\"args\":[1]}", 400,
                        "request/invalid_key"),
                http("key part over 128 UTF-8 bytes", "POST",
                        "/v1/actors/test-counter/actions/increment?key=" + "%C3%A9".repeat(65), "{\"args\":[1]}",
                        400, "request/invalid_key"),
                http("invalid UTF-8 in the key", "POST", "/v1/actors/test-counter/actions/increment?key=%C3%28",
                        "{\"args\":[1]}", 400, "request/invalid_request"),
                http("unknown mode", "POST", INC + "&mode=create", "{\"args\":[1]}", 400, "request/invalid_request"),
                http("mode twice", "POST", INC + "&mode=get&mode=get", "{\"args\":[1]}", 400,
                        "request/invalid_request"),
                http("mode=get on an absent actor", "POST",
                        "/v1/actors/test-counter/actions/increment?key=fresh-get&mode=get", "{\"args\":[1]}", 404,
                        "actor/not_found"),
                http("wrong input type creates nothing", "POST",
                        "/v1/actors/test-counter/actions/increment?key=fresh-input", "{\"args\":[1],\"input\":\"x\"}",
                        400, "request/invalid_args"),
                http("GET on an action", "GET", INC, null, 405, "request/method_not_allowed"),
                http("PUT on an actor", "PUT", "/v1/actors/test-counter?key=corpus", "{}", 405,
                        "request/method_not_allowed"),
                http("PATCH on an actor", "PATCH", "/v1/actors/test-counter?key=corpus", "{}", 405,
                        "request/method_not_allowed"),
                http("POST on a view", "POST", "/v1/actors/test-board/view?key=corpus", "{}", 405,
                        "request/method_not_allowed"),
                http("DELETE on events", "DELETE", "/v1/actors/test-board/events?key=corpus", null, 405,
                        "request/method_not_allowed"),
                http("POST on healthz", "POST", "/healthz", "{}", 405, "request/method_not_allowed"),
                http("no such path", "GET", "/v1/actors", null, 404, "request/not_found"),
                http("trailing slash", "GET", "/v1/actors/test-counter/?key=corpus", null, 404, "request/not_found"),
                http("actions without a name", "POST", "/v1/actors/test-counter/actions?key=corpus", "{}", 404,
                        "request/not_found"),
                http("extra segment", "POST", "/v1/actors/test-counter/actions/increment/more?key=corpus", "{}",
                        404, "request/not_found"),
                http("empty segment (ambiguous URI)", "GET", "/v1//actors/test-counter", null, 400,
                        "request/invalid_request"),
                http("other version", "GET", "/v2/openapi.json", null, 404, "request/not_found"),
                http("malformed token", "POST", INC, "{\"args\":[1]}", 401, "auth/unauthorized",
                        "Authorization", "Bearer x.y.z"),
                http("other auth scheme", "POST", INC, "{\"args\":[1]}", 401, "auth/unauthorized",
                        "Authorization", "Token abc"),
                http("expired token", "POST", INC, "{\"args\":[1]}", 401, "auth/unauthorized",
                        "Authorization", expired),
                http("create: unknown field", "POST", "/v1/actors/test-counter?key=fresh-create",
                        "{\"input\":1,\"extra\":2}", 400, "request/invalid_request"),
                http("create: truncated JSON", "POST", "/v1/actors/test-counter?key=fresh-create", "{\"input\":", 400,
                        "request/invalid_json"),
                http("create: wrong input type", "POST", "/v1/actors/test-counter?key=fresh-create",
                        "{\"input\":\"many\"}", 400, "request/invalid_args"),
                http("create: duplicate", "POST", "/v1/actors/test-counter?key=corpus", "{}", 409,
                        "actor/duplicate_key"),
                http("view: unknown type", "GET", "/v1/actors/nope/view?key=corpus", null, 404,
                        "actor/type_not_found"),
                http("view: waitMs over 30 s", "GET", "/v1/actors/test-board/view?key=corpus&after=x&waitMs=30001",
                        null, 400, "request/invalid_request"),
                http("view: waitMs not a number", "GET", "/v1/actors/test-board/view?key=corpus&after=x&waitMs=soon",
                        null, 400, "request/invalid_request"),
                http("events: empty event name", "GET", "/v1/actors/test-board/events?key=corpus&event=", null, 400,
                        "request/invalid_request"),
                http("events: expired query token", "GET", "/v1/actors/test-board/events?key=corpus&token="
                        + expired.substring(7), null, 401, "auth/unauthorized"),
                http("connect: not an upgrade", "GET", "/v1/actors/test-board/connect?key=corpus", null, 400,
                        "request/invalid_request"),
                http("connect: params not JSON", "GET", "/v1/actors/test-board/connect?key=corpus&params=%7Bx", null,
                        400, "request/invalid_json"),
                http("connect: params not an object", "GET",
                        "/v1/actors/test-board/connect?key=corpus&params=%5B1%5D", null, 400,
                        "request/invalid_request"),
                http("user error leaves no trace", "POST",
                        "/v1/actors/test-counter/actions/incrementThenFail?key=corpus", "{\"args\":[3]}", 400,
                        "user/refused"),
                http("URI too long", "GET", "/v1/actors/test-counter?key=" + "u".repeat(20_000), null, 414,
                        "request/invalid_request")));
        return cases.stream();
    }

    @ParameterizedTest(name = "HTTP: {0}")
    @MethodSource("httpCases")
    void http_badRequest_getsItsExactError(String name, String method, String path, String body, int status,
                                           String code, String[] headers) {
        TestServer.Reply reply = t.send(method, path, body, headers);

        assertThat(reply.status()).as(name).isEqualTo(status);
        assertThat(reply.headers().firstValue("content-type").orElse("")).as(name).startsWith("application/json");
        assertThat(reply.code()).as(name + ": " + reply.body()).isEqualTo(code);
        assertThat(reply.json().get("message").asText()).as(name).isNotBlank();
        assertThat(reply.json().get("metadata").isObject()).as(name).isTrue();
    }

    static Stream<Arguments> frameCases() {
        return Stream.of(
                Arguments.of("truncated JSON", "{", "request/invalid_json", null),
                Arguments.of("not JSON", "hello", "request/invalid_json", null),
                Arguments.of("duplicate field", "{\"type\":\"action\",\"id\":1,\"type\":\"action\"}",
                        "request/invalid_json", null),
                Arguments.of("array frame", "[]", "request/invalid_request", null),
                Arguments.of("string frame", "\"action\"", "request/invalid_request", null),
                Arguments.of("no type", "{\"id\":1}", "request/invalid_request", "1"),
                Arguments.of("numeric type", "{\"type\":5,\"id\":2}", "request/invalid_request", "2"),
                Arguments.of("unknown type", "{\"type\":\"nope\",\"id\":3}", "request/invalid_request", "3"),
                Arguments.of("action without id", "{\"type\":\"action\",\"name\":\"increment\",\"args\":[1]}",
                        "request/invalid_request", null),
                Arguments.of("object id", "{\"type\":\"action\",\"id\":{},\"name\":\"count\",\"args\":[]}",
                        "request/invalid_request", null),
                Arguments.of("fractional id", "{\"type\":\"action\",\"id\":1.5,\"name\":\"count\",\"args\":[]}",
                        "request/invalid_request", null),
                Arguments.of("action without name", "{\"type\":\"action\",\"id\":4,\"args\":[1]}",
                        "request/invalid_request", "4"),
                Arguments.of("unknown action", "{\"type\":\"action\",\"id\":5,\"name\":\"nope\",\"args\":[]}",
                        "actor/action_not_found", "5"),
                Arguments.of("too few args", "{\"type\":\"action\",\"id\":6,\"name\":\"increment\",\"args\":[]}",
                        "request/invalid_args", "6"),
                Arguments.of("string for long", "{\"type\":\"action\",\"id\":7,\"name\":\"increment\",\"args\":[\"1\"]}",
                        "request/invalid_args", "7"),
                Arguments.of("args an object", "{\"type\":\"action\",\"id\":8,\"name\":\"increment\",\"args\":{}}",
                        "request/invalid_args", "8"),
                Arguments.of("subscribe without event", "{\"type\":\"subscribe\",\"id\":9}",
                        "request/invalid_request", "9"),
                Arguments.of("subscribe to empty event", "{\"type\":\"subscribe\",\"event\":\"\",\"id\":10}",
                        "request/invalid_request", "10"),
                Arguments.of("unsubscribe numeric event", "{\"type\":\"unsubscribe\",\"event\":5,\"id\":11}",
                        "request/invalid_request", "11"),
                Arguments.of("late auth frame", "{\"type\":\"auth\",\"id\":12}", "request/invalid_request", "12"),
                Arguments.of("view with array checksum", "{\"type\":\"view\",\"checksum\":[],\"id\":13}",
                        "request/invalid_request", "13"),
                Arguments.of("user error leaves no trace",
                        "{\"type\":\"action\",\"id\":14,\"name\":\"incrementThenFail\",\"args\":[5]}", "user/refused",
                        "14"));
    }

    @ParameterizedTest(name = "WebSocket: {0}")
    @MethodSource("frameCases")
    void webSocket_badFrame_getsAnErrorFrame_andTheSocketStaysOpen(String name, String frame, String code,
                                                                   String id) {
        WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus");
        ws.send("{\"type\":\"auth\"}");
        ws.next("welcome");

        ws.send(frame);
        JsonNode error = ws.next();
        ws.send("{\"type\":\"action\",\"id\":\"probe\",\"name\":\"count\",\"args\":[]}");
        JsonNode probe = ws.next();

        assertThat(error.get("type").asText()).as(name).isEqualTo("error");
        assertThat(error.get("group").asText() + "/" + error.get("code").asText()).as(name + ": " + error)
                .isEqualTo(code);
        assertThat(error.get("id").isNull() ? null : error.get("id").asText()).as(name).isEqualTo(id);
        assertThat(probe.get("output").asLong()).as(name).isEqualTo(5);
        ws.close();
    }

    @Test
    void webSocket_binaryFrame_getsAnErrorFrame() {
        WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus");
        ws.send("{\"type\":\"auth\"}");
        ws.next("welcome");

        ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).orTimeout(10, TimeUnit.SECONDS).join();

        JsonNode error = ws.next();
        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        assertThat(error.get("id").isNull()).isTrue();
        ws.close();
    }

    @Test
    void webSocket_frameOverTheLimit_closes1009() {
        WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus");
        ws.send("{\"type\":\"auth\"}");
        ws.next("welcome");

        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"increment\",\"args\":[1],\"pad\":\""
                + "p".repeat(300 * 1024) + "\"}");

        assertThat(ws.closeCode()).isEqualTo(1009);
    }

    @Test
    void webSocket_badAuthFrames_close4001() {
        for (String frame : List.of("{\"type\":\"auth\",\"token\":\"x\"}", "{\"type\":\"auth\",\"token\":5}",
                "{\"type\":\"auth\",\"token\":\"" + expired.substring(7) + "\"}")) {
            WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus");

            ws.send(frame);

            assertThat(ws.next().get("code").asText()).as(frame).isEqualTo("unauthorized");
            assertThat(ws.closeCode()).as(frame).isEqualTo(4001);
        }
    }

    @Test
    void webSocket_authFrameWithBadParams_getsAnErrorAndMayRetry() {
        WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus");

        ws.send("{\"type\":\"auth\",\"params\":[1]}");
        JsonNode error = ws.next();
        ws.send("{\"type\":\"auth\",\"params\":{}}");

        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        ws.close();
    }
}
