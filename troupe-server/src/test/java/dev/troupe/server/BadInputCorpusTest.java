package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import dev.troupe.ContentHash;
import dev.troupe.Key;
import dev.troupe.CallerType;
import dev.troupe.server.testing.Board;
import dev.troupe.server.testing.DoorMachine;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.Sender;
import dev.troupe.testing.SenderActor;
import dev.troupe.testing.WireFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Malformed HTTP requests and WebSocket frames, each with its exact status (or close code) and error
 * code. Afterwards the server is healthy, no actor changed or came into being, and nothing was logged
 * at ERROR: a client's mistake is not a fault. The class runs alone so that the log it checks is its
 * own.
 */
@Isolated
class BadInputCorpusTest {
    private static final String INC = "/v1/actors/test-counter/actions/increment?key=corpus";
    private static final String POST = "/v1/actors/test-board/actions/post?key=corpus";
    private static final String DOOR = "/v1/actors/" + DoorMachine.TYPE + "/actions/send?key=corpus";
    private static final String DOOR_VIEW = "/v1/actors/" + DoorMachine.TYPE + "/view?key=corpus";
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    private static final String V13 = "Sec-WebSocket-Version: 13\r\n";
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static TestServer t;
    private static String expired;
    private static String service;
    /** An actor id no actor has. */
    private static final String ABSENT_ID = "0190a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b";

    @BeforeAll
    static void start() {
        LOG.start();
        root().addAppender(LOG);
        MemoryStore store = new MemoryStore();
        t = TestServer.start(store, TestServer.builder(store)
                .register(DoorMachine.definition(), type -> type.allow(CallerType.CLIENT))
                .register(SenderActor.class, type -> type.allow(CallerType.CLIENT))
                .register(RecorderActor.class).build(), UnaryOperator.identity());
        t.troupe.actor(Recorder.class, Key.of("corpus")).total();
        t.troupe.actor(Sender.class, Key.of("corpus")).sent();
        t.troupe.actor(Counter.class, Key.of("corpus")).increment(5);
        assertThat(t.post(DOOR, "{\"args\":[{\"type\":\"NOTE\",\"text\":\"seed\"}]}").status()).isEqualTo(200);
        t.troupe.actor(Board.class, Key.of("corpus")).post("seed");
        expired = "Bearer " + t.tokens().client("late").expiresAt(Instant.now().minusSeconds(30)).issue();
        service = "Bearer " + t.tokens().service("corpus").issue();
    }

    @AfterAll
    static void serverIsHealthy_nothingChanged_andNothingLoggedAsAFault() {
        try {
            assertThat(t.get("/healthz").status()).isEqualTo(200);
            assertThat(t.troupe.actor(Counter.class, Key.of("corpus")).count()).isEqualTo(5);
            assertThat(t.troupe.actor(Board.class, Key.of("corpus")).posts()).containsExactly("seed");
            assertThat(t.troupe.actor(Recorder.class, Key.of("corpus")).total()).as("no message sent").isZero();
            assertThat(t.get(DOOR_VIEW).json().get("view").toString())
                    .isEqualTo("{\"public\":{\"opens\":0},\"private\":{\"draft\":\"seed\"},\"value\":\"closed\"}");
            for (String key : List.of("never", "fresh-input", "fresh-create", "fresh-get", "fresh-ws", "fresh-sse",
                    "fresh-view", "\uFFFD")) {
                assertThat(t.troupe.ref(Counter.class, Key.of(key)).info()).as("actor %s", key).isEmpty();
                assertThat(t.troupe.ref(Board.class, Key.of(key)).info()).as("board %s", key).isEmpty();
            }
            assertThat(t.troupe.contents().info(ContentHash.of(new byte[] {'b'}))).isEmpty();
            assertThat(t.troupe.contents().label("never")).isEmpty();
            assertThat(LOG.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            t.close();
            root().detachAppender(LOG);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
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
                http("oversized one-way message", "POST", "/v1/actors/test-sender/actions/sendLarge?key=corpus",
                        "{\"args\":[\"corpus\",1100000]}", 413, "message/too_large"),
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
                http("history: seq not a number", "GET", "/v1/actors/test-counter/history/state?key=corpus&seq=x",
                        null, 400, "request/invalid_request"),
                http("history: page limit over 1,000", "GET", "/v1/actors/test-counter/history?key=corpus&limit=1001",
                        null, 400, "request/invalid_request"),
                http("content: hash not hex", "GET", "/v1/content/not-a-hash", null, 400, "content/invalid_hash"),
                http("content: hash in capitals", "GET", "/v1/content/" + "A".repeat(64), null, 400,
                        "content/invalid_hash"),
                http("content: hash mismatch stores nothing", "PUT", "/v1/content/" + ContentHash.of(new byte[] {'a'}),
                        "b", 400, "content/hash_mismatch", "Authorization", service),
                http("content: absent", "GET", "/v1/content/" + ContentHash.of(new byte[] {'z'}), null, 404,
                        "content/not_found", "Authorization", service),
                http("content: upload denied to the anonymous client", "POST", "/v1/content", "x", 403, "auth/forbidden"),
                http("content: GET on the upload route", "GET", "/v1/content", null, 405, "request/method_not_allowed"),
                http("label: bad name", "GET", "/v1/labels/.hidden", null, 400, "content/invalid_label",
                        "Authorization", service),
                http("label: absent", "GET", "/v1/labels/never", null, 404, "content/not_found", "Authorization", service),
                http("label: to absent content", "PUT", "/v1/labels/never", "{\"hash\":\""
                        + ContentHash.of(new byte[] {'z'}) + "\"}", 404, "content/not_found", "Authorization", service),
                http("label: body without a hash", "PUT", "/v1/labels/never", "{}", 400, "request/invalid_request",
                        "Authorization", service),
                http("label: hash not hex", "PUT", "/v1/labels/never", "{\"hash\":\"x\"}", 400, "content/invalid_hash",
                        "Authorization", service),
                http("history: denied to the anonymous client", "GET", "/v1/actors/test-counter/history?key=corpus",
                        null, 403, "auth/forbidden"),
                http("history export: denied to the anonymous client", "GET",
                        "/v1/actors/test-counter/history/export?key=corpus", null, 403, "auth/forbidden"),
                http("by id: malformed id", "GET", "/v1/ids/not-an-id/view", null, 400, "request/invalid_id"),
                http("by id: upper-case id", "POST", "/v1/ids/0190A2B4-5C6D-7E8F-9A0B-1C2D3E4F5A6B/actions/increment",
                        "{\"args\":[1]}", 400, "request/invalid_id"),
                http("by id: unknown id never creates", "POST", "/v1/ids/" + ABSENT_ID + "/actions/increment",
                        "{\"args\":[1]}", 404, "actor/not_found"),
                http("by id: connect to an unknown id", "GET", "/v1/ids/" + ABSENT_ID + "/connect", null, 404,
                        "actor/not_found"),
                http("by id: a key parameter", "GET", "/v1/ids/" + ABSENT_ID + "?key=corpus", null, 400,
                        "request/invalid_request"),
                http("list: denied to the anonymous client", "GET", "/v1/actors/test-counter/list", null, 403,
                        "auth/forbidden"),
                http("list: cursor not handed out", "GET", "/v1/actors/test-counter/list?cursor=djE6eA", null, 400,
                        "request/invalid_cursor", "Authorization", "Bearer " + t.tokens().service("ops").issue()),
                http("list: limit 0", "GET", "/v1/actors/test-counter/list?limit=0", null, 400,
                        "request/invalid_request", "Authorization", "Bearer " + t.tokens().service("ops").issue()),
                http("list: empty prefix part", "GET", "/v1/actors/test-counter/list?prefix=", null, 400,
                        "request/invalid_key", "Authorization", "Bearer " + t.tokens().service("ops").issue()),
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
                        "request/invalid_request"),
                http("lone high surrogate escape", "POST", POST, "{\"args\":[\"a\\ud800b\"]}", 400,
                        "request/invalid_json"),
                http("lone low surrogate escape", "POST", POST, "{\"args\":[\"\\udc00\"]}", 400,
                        "request/invalid_json"),
                http("surrogate escapes in the wrong order", "POST", POST, "{\"args\":[\"\\udc00\\ud800\"]}", 400,
                        "request/invalid_json"),
                http("lone surrogate escape in a member name", "POST", "/v1/actors/test-counter?key=fresh-create",
                        "{\"input\":{\"\\ud800\":1}}", 400, "request/invalid_json"),
                http("lone surrogate escape in params", "GET",
                        "/v1/actors/test-board/connect?key=corpus&params=%7B%22a%22%3A%22%5Cud800%22%7D", null, 400,
                        "request/invalid_json"),
                http("connect: unknown mode", "GET", "/v1/actors/test-board/connect?key=corpus&mode=bogus", null, 400,
                        "request/invalid_request"),
                http("connect: empty mode", "GET", "/v1/actors/test-board/connect?key=corpus&mode=", null, 400,
                        "request/invalid_request"),
                http("connect: mode twice", "GET", "/v1/actors/test-board/connect?key=corpus&mode=get&mode=get", null,
                        400, "request/invalid_request"),
                http("events: unknown mode", "GET", "/v1/actors/test-board/events?key=corpus&mode=bogus", null, 400,
                        "request/invalid_request"),
                http("events: empty mode", "GET", "/v1/actors/test-board/events?key=corpus&mode=", null, 400,
                        "request/invalid_request"),
                http("events: mode twice", "GET", "/v1/actors/test-board/events?key=corpus&mode=get&mode=get", null, 400,
                        "request/invalid_request"),
                http("events: mode=get on an absent actor", "GET", "/v1/actors/test-board/events?key=fresh-sse&mode=get",
                        null, 404, "actor/not_found"),
                http("view: unknown mode", "GET", "/v1/actors/test-board/view?key=corpus&mode=bogus", null, 400,
                        "request/invalid_request"),
                http("view: mode twice", "GET", "/v1/actors/test-board/view?key=corpus&mode=get&mode=getOrCreate", null,
                        400, "request/invalid_request"),
                http("text/plain body", "POST", INC, "{\"args\":[1]}", 415, "request/unsupported_media_type",
                        "Content-Type", "text/plain"),
                http("form body", "POST", INC, "args=1", 415, "request/unsupported_media_type",
                        "Content-Type", "application/x-www-form-urlencoded"),
                http("XML body", "POST", "/v1/actors/test-counter?key=fresh-create", "<input/>", 415,
                        "request/unsupported_media_type", "Content-Type", "application/xml"),
                http("json-seq is not JSON", "POST", INC, "{\"args\":[1]}", 415, "request/unsupported_media_type",
                        "Content-Type", "application/json-seq"),
                http("view: input of the wrong type creates nothing", "GET",
                        "/v1/actors/test-counter/view?key=fresh-input&mode=getOrCreate&input=%22many%22", null, 400,
                        "request/invalid_args"),
                http("view: input not JSON", "GET", "/v1/actors/test-counter/view?key=fresh-input&mode=getOrCreate&input=%7B",
                        null, 400, "request/invalid_json"),
                http("view: input twice", "GET",
                        "/v1/actors/test-counter/view?key=fresh-input&mode=getOrCreate&input=1&input=2", null, 400,
                        "request/invalid_request"),
                http("view: an absent actor (mode=get is the default)", "GET", "/v1/actors/test-board/view?key=fresh-view",
                        null, 404, "actor/not_found"),
                http("events: Last-Event-ID not an id of ours", "GET", "/v1/actors/test-board/events?key=fresh-sse", null,
                        400, "request/invalid_request", "Last-Event-ID", "42"),
                http("events: Last-Event-ID with a stream part too long", "GET", "/v1/actors/test-board/events?key=fresh-sse",
                        null, 400, "request/invalid_request", "Last-Event-ID", "A".repeat(23) + "-1"),
                http("events: Last-Event-ID with a negative position", "GET", "/v1/actors/test-board/events?key=fresh-sse",
                        null, 400, "request/invalid_request", "Last-Event-ID", "A".repeat(22) + "--1"),
                http("events: Last-Event-ID with a position past a long", "GET",
                        "/v1/actors/test-board/events?key=fresh-sse", null, 400, "request/invalid_request",
                        "Last-Event-ID", "A".repeat(22) + "-" + "9".repeat(19)),
                http("events: Last-Event-ID with a leading zero", "GET", "/v1/actors/test-board/events?key=fresh-sse",
                        null, 400, "request/invalid_request", "Last-Event-ID", "A".repeat(22) + "-01"),
                http("events: Last-Event-ID of a stream the server does not hold never creates", "GET",
                        "/v1/actors/test-board/events?key=fresh-sse&mode=getOrCreate", null, 404, "actor/not_found",
                        "Last-Event-ID", "A".repeat(22) + "-3"),
                http("CORS preflight from an origin not allowed", "OPTIONS", INC, null, 403, "request/origin_not_allowed",
                        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"),
                http("CORS preflight from the opaque origin null", "OPTIONS", INC, null, 403,
                        "request/origin_not_allowed", "Origin", "null", "Access-Control-Request-Method", "DELETE"),
                http("CORS preflight to an unknown route", "OPTIONS", "/v1/nothing", null, 404, "request/not_found",
                        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"),
                http("OPTIONS on an unknown route", "OPTIONS", "/v1/actors/test-counter/nope/deeper", null, 404,
                        "request/not_found"),
                http("OPTIONS on an unknown prefix", "OPTIONS", "/nothing", null, 404, "request/not_found"),
                http("PUT on an action", "PUT", INC, "{}", 405, "request/method_not_allowed"),
                badToken("sub is a number", "{\"sub\":42,\"ctype\":\"client\"}"),
                badToken("sub is an object", "{\"sub\":{\"id\":\"x\"},\"ctype\":\"client\"}"),
                badToken("iss is a number", "{\"sub\":\"ada\",\"iss\":1,\"ctype\":\"client\"}"),
                badToken("jti is an array", "{\"sub\":\"ada\",\"jti\":[],\"ctype\":\"client\"}"),
                badToken("aud holds a number", "{\"sub\":\"ada\",\"aud\":[\"a\",2],\"ctype\":\"client\"}"),
                badToken("exp is a string", "{\"sub\":\"ada\",\"exp\":\"tomorrow\",\"ctype\":\"client\"}"),
                badToken("exp is past the year 9999", "{\"sub\":\"ada\",\"exp\":99999999999999999,\"ctype\":\"client\"}"),
                badToken("iat is past the year 9999", "{\"sub\":\"ada\",\"iat\":1e300,\"ctype\":\"client\"}"),
                badToken("nbf is a boolean", "{\"sub\":\"ada\",\"nbf\":true,\"ctype\":\"client\"}"),
                http("machine event of an unknown type", "POST", DOOR, "{\"args\":[{\"type\":\"SLAM\"}]}", 400,
                        "machine/unknown_event"),
                http("machine event without a type", "POST", DOOR, "{\"args\":[{\"text\":\"x\"}]}", 400,
                        "request/invalid_args"),
                http("machine event failing its schema", "POST", DOOR, "{\"args\":[{\"type\":\"NOTE\",\"text\":1}]}",
                        400, "machine/invalid_event"),
                http("machine event with an unknown field", "POST", DOOR, "{\"args\":[{\"type\":\"OPEN\",\"force\":9}]}",
                        400, "machine/invalid_event"),
                http("service-only machine event from a client", "POST", DOOR, "{\"args\":[{\"type\":\"LOCK\"}]}",
                        403, "machine/event_forbidden"),
                http("system machine event from a client", "POST", DOOR, "{\"args\":[{\"type\":\"INITIALIZE\"}]}",
                        400, "machine/unknown_event"),
                http("machine event that loops", "POST", DOOR, "{\"args\":[{\"type\":\"LOOP\"}]}", 422,
                        "machine/loop_detected"),
                http("waitForState that does not come", "GET", DOOR_VIEW + "&waitForState=locked&waitMs=0", null, 408,
                        "machine/wait_timeout"),
                http("waitForEvent that does not come", "GET", DOOR_VIEW + "&waitForEvent=LOCK&waitMs=0", null, 408,
                        "machine/wait_timeout"),
                http("empty waitForState", "GET", DOOR_VIEW + "&waitForState=", null, 400, "request/invalid_request"),
                http("waitForState of malformed JSON", "GET", DOOR_VIEW + "&waitForState=%7Bnope", null, 400,
                        "request/invalid_json"),
                http("waitForState a JSON array in an object", "GET", DOOR_VIEW + "&waitForState=%7B%22a%22%3A%5B%5D%7D",
                        null, 400, "request/invalid_request"),
                http("empty waitForEvent", "GET", DOOR_VIEW + "&waitForEvent=", null, 400, "request/invalid_request"),
                http("waitForState with waitForEvent", "GET", DOOR_VIEW + "&waitForState=opened&waitForEvent=OPEN",
                        null, 400, "request/invalid_request"),
                http("waitForState with after", "GET", DOOR_VIEW + "&waitForState=opened&after=x", null, 400,
                        "request/invalid_request"),
                http("waitForState on an absent machine", "GET", "/v1/actors/" + DoorMachine.TYPE
                        + "/view?key=fresh-view&waitForState=opened&waitMs=0", null, 404, "actor/not_found")));
        return cases.stream();
    }

    private static Arguments badToken(String name, String claims) {
        return http("token whose " + name, "POST", INC, "{\"args\":[1]}", 401, "auth/unauthorized",
                "Authorization", token(claims));
    }

    /** A bearer token signed with the test secret over exactly {@code claims}, whatever their types. */
    private static String token(String claims) {
        try {
            JWSHeader header = new JWSHeader(JWSAlgorithm.HS256);
            Base64URL payload = Base64URL.encode(claims);
            String signingInput = header.toBase64URL() + "." + payload;
            Base64URL signature = new MACSigner(TestServer.SECRET).sign(header,
                    signingInput.getBytes(StandardCharsets.US_ASCII));
            return "Bearer " + signingInput + "." + signature;
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void http_tokenWithAnAbsurdExpiry_saysWhatIsWrong_notThatItExpiredIn1969() {
        TestServer.Reply reply = t.post(INC, "{\"args\":[1]}", "Authorization",
                token("{\"sub\":\"ada\",\"exp\":99999999999999999,\"ctype\":\"client\"}"));

        assertThat(reply.json().get("message").asText()).contains("exp is out of range").doesNotContain("1969");
    }

    @Test
    void http_tokenWithANumericSub_namesTheClaim() {
        TestServer.Reply reply = t.post(INC, "{\"args\":[1]}", "Authorization",
                token("{\"sub\":42,\"ctype\":\"client\"}"));

        assertThat(reply.json().get("message").asText()).isEqualTo("the token's sub must be a string");
    }

    private static Arguments raw(String name, byte[] request, int status, String code) {
        return Arguments.of(name, request, status, code);
    }

    private static byte[] request(String method, String target, byte[] body, String headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A POST to the counter whose body {@code {"args":[1]}} is one chunk, sent with {@code codings}. */
    private static byte[] chunked(String codings) {
        return ("POST " + INC + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: " + codings + "\r\n\r\nc\r\n{\"args\":[1]}\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A POST to the counter whose chunked body holds {@code size} bytes in one chunk. The whole body is
     * sent (the server reads up to its limit plus one before refusing), so the answer is not lost to
     * a reset while the client is still writing, as it can be when an HTTP client sends a large body.
     */
    private static byte[] chunkedBody(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + INC + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("x".repeat(size).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] post(String target, byte[] body) {
        return request("POST", target, body, "Content-Type: application/json\r\n");
    }

    /** {@code {"args":["<text>"]}} with {@code text} as raw bytes. */
    private static byte[] postText(int... text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"args\":[\"a".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(bytes(text));
        body.writeBytes("\"]}".getBytes(StandardCharsets.US_ASCII));
        return post(POST, body.toByteArray());
    }

    private static byte[] postIn(Charset charset, String text) {
        return post(POST, text.getBytes(charset));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static Stream<Arguments> rawCases() {
        byte[] none = new byte[0];
        String body = "{\"args\":[\"x\"]}";
        Charset utf32le = Charset.forName("UTF-32LE");
        Charset utf32be = Charset.forName("UTF-32BE");
        return Stream.of(
                raw("handshake without Sec-WebSocket-Key", request("GET", "/v1/actors/test-board/connect?key=corpus",
                        none, UPGRADE + V13), 400, "request/invalid_request"),
                raw("handshake with an empty Sec-WebSocket-Key", request("GET",
                        "/v1/actors/test-board/connect?key=corpus", none, UPGRADE + "Sec-WebSocket-Key: \r\n" + V13),
                        400, "request/invalid_request"),
                raw("handshake without Sec-WebSocket-Version", request("GET",
                        "/v1/actors/test-board/connect?key=corpus", none, UPGRADE + KEY), 400, "request/invalid_request"),
                raw("handshake with WebSocket version 8", request("GET", "/v1/actors/test-board/connect?key=corpus",
                        none, UPGRADE + KEY + "Sec-WebSocket-Version: 8\r\n"), 426, "request/upgrade_required"),
                raw("handshake without Connection: Upgrade", request("GET", "/v1/actors/test-board/connect?key=corpus",
                        none, "Upgrade: websocket\r\n" + KEY + V13), 400, "request/invalid_request"),
                raw("handshake as POST", request("POST", "/v1/actors/test-board/connect?key=corpus", none,
                        UPGRADE + KEY + V13), 405, "request/method_not_allowed"),
                raw("handshake with a bogus mode", request("GET", "/v1/actors/test-board/connect?key=corpus&mode=bogus",
                        none, UPGRADE + KEY + V13), 400, "request/invalid_request"),
                raw("handshake with an empty mode", request("GET", "/v1/actors/test-board/connect?key=corpus&mode=",
                        none, UPGRADE + KEY + V13), 400, "request/invalid_request"),
                raw("handshake with mode twice", request("GET",
                        "/v1/actors/test-board/connect?key=corpus&mode=get&mode=getOrCreate", none, UPGRADE + KEY + V13),
                        400, "request/invalid_request"),
                raw("HTTP/0.9 request line", "GET /healthz\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 505,
                        "request/unsupported_version"),
                raw("HTTP/9.9", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 505,
                        "request/unsupported_version"),
                raw("HTTP/1.2", "GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 505,
                        "request/unsupported_version"),
                raw("HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        426, "request/upgrade_required"),
                raw("transfer coding gzip, chunked", chunked("gzip, chunked"), 501, "request/not_implemented"),
                raw("transfer coding deflate, chunked", chunked("deflate, chunked"), 501, "request/not_implemented"),
                raw("transfer coding identity, chunked", chunked("identity, chunked"), 501, "request/not_implemented"),
                raw("transfer coding in two headers", chunked("gzip\r\nTransfer-Encoding: chunked"), 501,
                        "request/not_implemented"),
                raw("transfer coding and a length", request("POST", INC, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        "Transfer-Encoding: chunked\r\n"), 400, "request/invalid_request"),
                raw("handshake with a short Sec-WebSocket-Key", request("GET", "/v1/actors/test-board/connect?key=corpus",
                        none, UPGRADE + "Sec-WebSocket-Key: c2hvcnQ=\r\n" + V13), 400, "request/invalid_request"),
                raw("handshake with a Sec-WebSocket-Key not in base64", request("GET",
                        "/v1/actors/test-board/connect?key=corpus", none, UPGRADE + "Sec-WebSocket-Key: !!!!\r\n" + V13),
                        400, "request/invalid_request"),
                raw("transfer coding gzip alone", request("POST", INC, none, "Transfer-Encoding: gzip\r\n"), 400,
                        "request/invalid_request"),
                raw("path parameter on an action", post("/v1/actors/test-counter/actions/increment;x=1?key=corpus",
                        "{\"args\":[1]}".getBytes(StandardCharsets.US_ASCII)), 400, "request/invalid_request"),
                raw("empty path parameter on an action", post("/v1/actors/test-counter/actions/increment;?key=corpus",
                        "{\"args\":[1]}".getBytes(StandardCharsets.US_ASCII)), 400, "request/invalid_request"),
                raw("path parameter on the type", post("/v1/actors/test-counter;v=2/actions/increment?key=corpus",
                        "{\"args\":[1]}".getBytes(StandardCharsets.US_ASCII)), 400, "request/invalid_request"),
                raw("path parameter on a view", request("GET", "/v1/actors/test-board/view;x?key=corpus", none, ""),
                        400, "request/invalid_request"),
                raw("path parameter on healthz", request("GET", "/healthz;x", none, ""), 400, "request/invalid_request"),
                raw("raw 0xFF in the key", request("GET", "/v1/actors/test-board/view?key=\u00ff", none, ""), 400,
                        "request/invalid_request"),
                raw("raw overlong slash in the key", post("/v1/actors/test-counter/actions/increment?key=\u00c0\u00af",
                        "{\"args\":[1]}".getBytes(StandardCharsets.US_ASCII)), 400, "request/invalid_request"),
                raw("raw lone continuation byte in the key", post("/v1/actors/test-counter/actions/increment?key=\u0080",
                        "{\"args\":[1]}".getBytes(StandardCharsets.US_ASCII)), 400, "request/invalid_request"),
                raw("raw 0xFE in the path", request("GET", "/v1/actors/test-board\u00fe/view?key=corpus", none, ""), 400,
                        "request/invalid_request"),
                raw("body: overlong two-byte slash", postText(0xC0, 0xAF), 400, "request/invalid_json"),
                raw("body: overlong three-byte slash", postText(0xE0, 0x80, 0xAF), 400, "request/invalid_json"),
                raw("body: overlong four-byte slash", postText(0xF0, 0x80, 0x80, 0xAF), 400, "request/invalid_json"),
                raw("body: encoded high surrogate", postText(0xED, 0xA0, 0x80), 400, "request/invalid_json"),
                raw("body: encoded low surrogate", postText(0xED, 0xBF, 0xBF), 400, "request/invalid_json"),
                raw("body: code point above U+10FFFF", postText(0xF4, 0x90, 0x80, 0x80), 400, "request/invalid_json"),
                raw("body: lead byte 0xF5", postText(0xF5, 0x80, 0x80, 0x80), 400, "request/invalid_json"),
                raw("body: lead byte 0xFF", postText(0xFF), 400, "request/invalid_json"),
                raw("body: lone continuation byte", postText(0x80), 400, "request/invalid_json"),
                raw("body: sequence cut short", postText(0xE2, 0x82), 400, "request/invalid_json"),
                raw("body: sequence cut short at the end", post(POST, bytes('{', '"', 'a', 'r', 'g', 's', '"', ':',
                        '[', '"', 0xE2, 0x82)), 400, "request/invalid_json"),
                raw("body: Latin-1 text", post(POST, "{\"args\":[\"caf\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1)),
                        400, "request/invalid_json"),
                raw("body: UTF-16LE", postIn(StandardCharsets.UTF_16LE, body), 400, "request/invalid_json"),
                raw("body: UTF-16BE", postIn(StandardCharsets.UTF_16BE, body), 400, "request/invalid_json"),
                raw("body: UTF-16 with a byte order mark", postIn(StandardCharsets.UTF_16, body), 400,
                        "request/invalid_json"),
                raw("body: UTF-16LE with a byte order mark", postIn(StandardCharsets.UTF_16LE, "\uFEFF" + body), 400,
                        "request/invalid_json"),
                raw("body: UTF-32LE", postIn(utf32le, body), 400, "request/invalid_json"),
                raw("body: UTF-32BE with a byte order mark", postIn(utf32be, "\uFEFF" + body), 400,
                        "request/invalid_json"),
                raw("body: NUL byte between tokens", post(POST, bytes('{', 0, '}')), 400, "request/invalid_json"),
                raw("body declared over 1 MiB, answered before it is sent", ("POST " + INC + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + ((1 << 20) + 1)
                        + "\r\n\r\n{\"args\":[").getBytes(StandardCharsets.US_ASCII), 413, "request/too_large"),
                raw("chunked body over 1 MiB", chunkedBody((1 << 20) + 1), 413, "request/too_large"));
    }

    @ParameterizedTest(name = "raw HTTP: {0}")
    @MethodSource("rawCases")
    void rawHttp_badRequest_getsItsExactError(String name, byte[] request, int status, String code) throws IOException {
        try (RawClient client = new RawClient(t.server.port())) {
            TestServer.Reply answer = client.exchange(request);

            assertThat(answer.status()).as(name).isEqualTo(status);
            assertThat(answer.headers().firstValue("content-type").orElse("")).as(name).startsWith("application/json");
            assertThat(answer.code()).as(name + ": " + answer.body()).isEqualTo(code);
            assertThat(answer.json().get("message").asText()).as(name).isNotBlank();
        }
    }

    @Test
    void rawHttp_anErrorJettyAnswersItself_saysConnectionClose_beforeJettyClosesTheConnection() throws IOException {
        try (RawClient client = new RawClient(t.server.port())) {
            TestServer.Reply answer = client.exchange(request("GET", "/v1/actors/test-counter?key=" + "u".repeat(20_000),
                    new byte[0], ""));

            assertThat(answer.status()).isEqualTo(414);
            assertThat(answer.headers().firstValue("connection")).hasValue("close");
        }
    }

    @Test
    void rawHttp_oldWebSocketVersion_isToldTheVersionThisServerSpeaks() throws IOException {
        try (RawClient client = new RawClient(t.server.port())) {
            TestServer.Reply answer = client.exchange(request("GET", "/v1/actors/test-board/connect?key=corpus",
                    new byte[0], UPGRADE + KEY + "Sec-WebSocket-Version: 8\r\n"));

            assertThat(answer.headers().firstValue("sec-websocket-version")).hasValue("13");
        }
    }

    @Test
    void rawHttp_utf8ByteOrderMark_isIgnored_asRfc8259Allows() throws IOException {
        try (RawClient client = new RawClient(t.server.port())) {
            TestServer.Reply answer = client.exchange(post("/v1/actors/test-counter/actions/count?key=corpus",
                    "\uFEFF{}".getBytes(StandardCharsets.UTF_8)));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("output").asLong()).isEqualTo(5);
        }
    }

    static Stream<Arguments> badUtf8Frames() {
        return Stream.of(
                Arguments.of("overlong slash", bytes(0xC0, 0xAF)),
                Arguments.of("encoded surrogate", bytes(0xED, 0xA0, 0x80)),
                Arguments.of("above U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80)),
                Arguments.of("lead byte 0xFF", bytes(0xFF)),
                Arguments.of("cut short", bytes(0xE2, 0x82)));
    }

    @ParameterizedTest(name = "WebSocket text that is not UTF-8: {0}")
    @MethodSource("badUtf8Frames")
    void webSocket_textFrameThatIsNotUtf8_closes1007(String name, byte[] bad) throws IOException {
        try (RawClient client = new RawClient(t.server.port())) {
            TestServer.Reply upgrade = client.exchange(request("GET", "/v1/actors/test-board/connect?key=corpus",
                    new byte[0], UPGRADE + KEY + V13));
            assertThat(upgrade.status()).isEqualTo(101);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes("{\"type\":\"action\",\"id\":1,\"name\":\"post\",\"args\":[\"".getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(bad);
            frame.writeBytes("\"]}".getBytes(StandardCharsets.US_ASCII));

            client.sendFrame(1, frame.toByteArray());

            assertThat(client.awaitClose()).as(name).isEqualTo(WireFixtures.closeCode("InvalidText"));
        }
    }

    @Test
    void webSocket_modeGetOnAnAbsentActor_closes4004_andCreatesNothing() {
        WsClient ws = t.ws("/v1/actors/test-counter/connect?key=fresh-ws&mode=get");

        ws.send("{\"type\":\"auth\"}");

        assertThat(ws.next().get("code").asText()).isEqualTo("not_found");
        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("NotFound"));
    }

    @Test
    void webSocket_modeGetOnAnExistingActor_connects() {
        WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus&mode=get");

        ws.send("{\"type\":\"auth\"}");

        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        ws.close();
    }

    @Test
    void webSocket_unparsableFirstFrame_getsAnError_andTheSocketStillWaitsForItsFirstFrame() {
        WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus");

        ws.send("{");
        JsonNode error = ws.next();
        ws.send("[1]");
        JsonNode notAnObject = ws.next();
        ws.send("{\"type\":\"auth\"}");

        assertThat(error.get("code").asText()).isEqualTo("invalid_json");
        assertThat(notAnObject.get("code").asText()).isEqualTo("invalid_request");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        ws.close();
    }

    @ParameterizedTest(name = "HTTP: {0}")
    @MethodSource("httpCases")
    void http_badRequest_getsItsExactError(String name, String method, String path, String body, int status,
                                           String code, String[] headers) {
        TestServer.Reply reply = status == 414 ? t.sendAlone(method, path, body, headers)
                : t.send(method, path, body, headers);

        assertThat(reply.status()).as(name).isEqualTo(status);
        assertThat(reply.headers().firstValue("content-type").orElse("")).as(name).startsWith("application/json");
        assertThat(reply.code()).as(name + ": " + reply.body()).isEqualTo(code);
        assertThat(reply.json().get("message").asText()).as(name).isNotBlank();
        assertThat(reply.json().get("metadata").isObject()).as(name).isTrue();
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/v1/nothing", "/nothing", "/v1/actors/test-counter/nope/deeper", "/v1/actors/",
            "/v1/actors/nope/events?key=fresh-sse"})
    void head_onAnUnknownRouteOrType_is404_withoutABody(String path) {
        TestServer.Reply reply = t.send("HEAD", path, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEmpty();
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
                        "14"),
                Arguments.of("lone surrogate escape", "{\"type\":\"action\",\"id\":15,\"name\":\"nope\",\"args\":[\"\\ud800\"]}",
                        "request/invalid_json", null),
                Arguments.of("lone surrogate escape in a name", "{\"type\":\"subscribe\",\"id\":16,\"event\":\"\\udfff\"}",
                        "request/invalid_json", null),
                Arguments.of("auth frame after connecting, with a lone surrogate",
                        "{\"type\":\"auth\",\"id\":17,\"token\":\"\\ud800\"}", "request/invalid_json", null),
                Arguments.of("wait without id", "{\"type\":\"wait\",\"waitForState\":\"a\"}",
                        "request/invalid_request", null),
                Arguments.of("wait for nothing", "{\"type\":\"wait\",\"id\":18}", "request/invalid_request", "18"),
                Arguments.of("wait for a state and an event",
                        "{\"type\":\"wait\",\"id\":19,\"waitForState\":\"a\",\"waitForEvent\":\"B\"}",
                        "request/invalid_request", "19"),
                Arguments.of("wait for an array state", "{\"type\":\"wait\",\"id\":20,\"waitForState\":[]}",
                        "request/invalid_request", "20"),
                Arguments.of("wait for a numeric event", "{\"type\":\"wait\",\"id\":21,\"waitForEvent\":5}",
                        "request/invalid_request", "21"),
                Arguments.of("wait for an empty event", "{\"type\":\"wait\",\"id\":22,\"waitForEvent\":\"\"}",
                        "request/invalid_request", "22"),
                Arguments.of("wait longer than 30 s",
                        "{\"type\":\"wait\",\"id\":23,\"waitForEvent\":\"B\",\"waitMs\":30001}",
                        "request/invalid_request", "23"),
                Arguments.of("wait a fractional time",
                        "{\"type\":\"wait\",\"id\":24,\"waitForEvent\":\"B\",\"waitMs\":1.5}",
                        "request/invalid_request", "24"),
                Arguments.of("history without id", "{\"type\":\"history\"}", "request/invalid_request", null),
                Arguments.of("history from a negative seq", "{\"type\":\"history\",\"id\":25,\"from\":-1}",
                        "request/invalid_request", "25"),
                Arguments.of("history denied to the anonymous client", "{\"type\":\"history\",\"id\":26}",
                        "auth/forbidden", "26"));
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

        // The server may close as soon as it reads the frame's length, while this client still writes the
        // rest: then the send itself fails with "closed output". Either way the close code must be 1009.
        boolean sentOrCutOff = ws.socket.sendText("{\"type\":\"action\",\"id\":1,\"name\":\"increment\",\"args\":[1],\"pad\":\""
                        + "p".repeat(300 * 1024) + "\"}", true)
                .handle((sent, failure) -> failure == null || failure instanceof IOException
                        || failure.getCause() instanceof IOException)
                .orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(sentOrCutOff).as("the send completed, or failed because the server had closed").isTrue();
        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("TooBig"));
    }

    @Test
    void webSocket_badAuthFrames_close4001() {
        for (String frame : List.of("{\"type\":\"auth\",\"token\":\"x\"}", "{\"type\":\"auth\",\"token\":5}",
                "{\"type\":\"auth\",\"token\":\"" + expired.substring(7) + "\"}")) {
            WsClient ws = t.ws("/v1/actors/test-counter/connect?key=corpus");

            ws.send(frame);

            assertThat(ws.next().get("code").asText()).as(frame).isEqualTo("unauthorized");
            assertThat(ws.closeCode()).as(frame).isEqualTo(WireFixtures.closeCode("Unauthorized"));
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
