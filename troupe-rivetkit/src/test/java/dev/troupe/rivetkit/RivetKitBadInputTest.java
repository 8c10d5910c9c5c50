package dev.troupe.rivetkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.json.Json;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed RivetKit requests, each with its exact status and error code: rvt-* values, bodies in each
 * encoding, subprotocols and tokens of the wrong kind. Afterwards the server is healthy and the
 * counter is unchanged. Also the happy path of each encoding's HTTP action, byte for byte as RivetKit
 * 2.3.19 sends it.
 */
class RivetKitBadInputTest {
    private static final byte[] SECRET = "rivetkit-secret-rivetkit-secret!!".getBytes(StandardCharsets.UTF_8);
    private static final String BY_KEY = "?rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default&rvt-key=corpus"
            + "&rvt-crash-policy=sleep";
    private static final String ACTION = "/gateway/test-counter/action/increment" + BY_KEY;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Troupe troupe;
    private static TroupeServer server;

    @BeforeAll
    static void start() {
        troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT)).build();
        server = TroupeServer.start(troupe, RivetKit.defaults().mountOn(ServerConfig.port(0).jwtSecret(SECRET)));
        troupe.actor(Counter.class, Key.of("corpus")).increment(5);
    }

    @AfterAll
    static void stop() {
        server.close();
        troupe.close();
    }

    private static HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(byte[] body) throws Exception {
        return Json.mapper().readTree(body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown rvt parameter     | /gateway/test-counter/action/increment?rvt-namespace=default&rvt-method=get&rvt-key=corpus&rvt-x=1 | 400 | request/invalid_request
            duplicated rvt-key        | /gateway/test-counter/action/increment?rvt-namespace=default&rvt-method=get&rvt-key=corpus&rvt-key=b | 400 | request/invalid_request
            bad rvt-method            | /gateway/test-counter/action/increment?rvt-namespace=default&rvt-method=make&rvt-key=corpus | 400 | request/invalid_request
            other namespace           | /gateway/test-counter/action/increment?rvt-namespace=prod&rvt-method=get&rvt-key=corpus | 400 | request/invalid_request
            rvt-input not base64url   | /gateway/test-counter/action/increment?rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default&rvt-key=corpus&rvt-input=*** | 400 | request/invalid_request
            rvt-input not CBOR        | /gateway/test-counter/action/increment?rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default&rvt-key=corpus&rvt-input=_w | 400 | request/invalid_request
            unknown type              | /gateway/nope/action/increment?rvt-namespace=default&rvt-method=get&rvt-key=corpus | 404 | actor/type_not_found
            unknown action            | /gateway/test-counter/action/nope?rvt-namespace=default&rvt-method=get&rvt-key=corpus | 404 | actor/action_not_found
            unknown actor id          | /gateway/no-such-id/action/increment | 404 | actor/not_found
            queue body of an action   | /gateway/test-counter/queue/jobs?rvt-namespace=default&rvt-method=get&rvt-key=corpus | 400 | request/invalid_request
            a raw websocket as POST   | /gateway/test-counter/websocket/x?rvt-namespace=default&rvt-method=get&rvt-key=corpus | 405 | request/method_not_allowed
            the inspector             | /gateway/test-counter/inspector/state | 501 | actor/not_supported
            """)
    void badGatewayRequests(String name, String path, int status, String code) throws Exception {
        HttpResponse<byte[]> response = send("POST", path, "{\"args\":[1]}".getBytes(StandardCharsets.UTF_8),
                "x-rivet-encoding", "json", "content-type", "application/json");
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = json(response.body());
        assertThat(error.get("group").asText() + "/" + error.get("code").asText()).isEqualTo(code);
        assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown encoding        | xml  | 7b7d                   | 400 | request/invalid_request
            json not an object      | json | 5b5d                   | 400 | request/invalid_request
            json unknown tag        | json | 7b2261726773223a5b5b22244e6f7065222c315d5d7d | 400 | request/invalid_request
            broken CBOR             | cbor | a1646172                | 400 | request/invalid_request
            bare wrong version      | bare | 0500020102             | 400 | request/invalid_request
            bare truncated          | bare | 040005                 | 400 | request/invalid_request
            bare trailing bytes     | bare | 040002810100           | 400 | request/invalid_request
            bare args not an array  | bare | 04000101               | 400 | request/invalid_args
            """)
    void badBodies(String name, String encoding, String hex, int status, String code) throws Exception {
        HttpResponse<byte[]> response = send("POST", ACTION, HexFormat.of().parseHex(hex), "x-rivet-encoding", encoding);
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = json(response.body());
        assertThat(error.get("group").asText() + "/" + error.get("code").asText()).isEqualTo(code);
        assertUnchanged();
    }

    @Test
    void tokensOfTheWrongKindAreRefused() throws Exception {
        String longLived = TokenIssuer.hs256(SECRET).client("ann").expiresIn(Duration.ofHours(1)).issue();
        String other = TokenIssuer.hs256("another-secret-another-secret-!!".getBytes(StandardCharsets.UTF_8))
                .client("ann").expiresIn(Duration.ofMinutes(1)).issue();
        byte[] body = "{\"args\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertThat(send("POST", ACTION + "&rvt-token=" + longLived, body).statusCode())
                .as("a long-lived token in the URL").isEqualTo(401);
        assertThat(send("POST", ACTION, body, "x-rivet-token", other).statusCode()).as("another key").isEqualTo(401);
        assertThat(send("POST", ACTION, body, "x-rivet-token", "not-a-jwt").statusCode()).isEqualTo(401);
        String shortLived = TokenIssuer.hs256(SECRET).client("ann").expiresIn(Duration.ofMinutes(1)).issue();
        assertThat(send("POST", ACTION + "&rvt-token=" + shortLived, body, "x-rivet-token", longLived).statusCode())
                .as("two different tokens").isEqualTo(400);
        assertUnchanged();
        HttpResponse<byte[]> ok = send("POST", ACTION + "&rvt-token=" + shortLived, body, "x-rivet-token", shortLived);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok.body()).get("output").asLong()).isEqualTo(6);
        assertThat(send("POST", ACTION, "{\"args\":[-1]}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }

    @Test
    void eachEncodingCallsAnActionAsRivetKitSendsIt() throws Exception {
        String key = "?rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default&rvt-key=enc,1&rvt-input=BQ";
        String path = "/gateway/test-counter/action/increment" + key;
        // rvt-input=BQ is the CBOR of 5, the counter's start
        HttpResponse<byte[]> json = send("POST", path, "{\"args\":[2]}".getBytes(StandardCharsets.UTF_8),
                "x-rivet-encoding", "json", "content-type", "application/json");
        assertThat(json(json.body())).isEqualTo(json("{\"output\":7}".getBytes(StandardCharsets.UTF_8)));
        // cbor-x's encoding of {args:[3]}: a 16-bit map length, as RivetKit's client writes it
        HttpResponse<byte[]> cbor = send("POST", path, HexFormat.of().parseHex("b900016461726773810" + "3"),
                "x-rivet-encoding", "cbor");
        assertThat(Cbor.read(cbor.body(), "answer").get("output").asLong()).isEqualTo(10);
        byte[] bare = new BareWriter().u16(4).data(Cbor.write(json("[4]".getBytes(StandardCharsets.UTF_8)))).toBytes();
        HttpResponse<byte[]> bareAnswer = send("POST", path, bare, "x-rivet-encoding", "bare");
        assertThat(bareAnswer.headers().firstValue("content-type")).hasValue("application/octet-stream");
        BareReader in = new BareReader(bareAnswer.body());
        assertThat(in.u16()).isEqualTo(4);
        assertThat(Cbor.read(in.data(), "output").asLong()).isEqualTo(14);
        in.end();
    }

    @Test
    void aBadSubprotocolIsAnErrorMessageAfterTheUpgradeThenAClose() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        HTTP.newWebSocketBuilder().subprotocols("rivet", "rivet_encoding.json", "rivet_nope.1")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/gateway/test-counter/connect" + BY_KEY),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                messages.add(data.toString());
                                socket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                                closed.complete(status + " " + reason);
                                return null;
                            }
                        }).join();
        assertThat(closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("1008 request.invalid_request");
        assertThat(messages).hasSize(1);
        JsonNode error = json(messages.getFirst().getBytes(StandardCharsets.UTF_8)).get("body");
        assertThat(error.get("tag").asText()).isEqualTo("Error");
        assertThat(error.get("val").get("actionId").isNull()).isTrue();
        assertUnchanged();
    }

    @Test
    void aWebSocketFromAPageOfAnotherOrigin_isRefusedBeforeTheUpgrade() throws Exception {
        Throwable failure = null;
        try {
            HTTP.newWebSocketBuilder().subprotocols("rivet", "rivet_encoding.json").header("Origin", "https://evil.example")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/gateway/test-counter/connect" + BY_KEY),
                            new WebSocket.Listener() { }).join();
        } catch (CompletionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> refusal = ((WebSocketHandshakeException) failure).getResponse();
        assertThat(refusal.statusCode()).isEqualTo(403);
        assertThat(refusal.body().toString()).contains("origin_not_allowed");
        assertUnchanged();
    }

    @Test
    void aWebSocketWithoutTheRivetSubprotocolIsNotARivetKitClient() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/gateway/test-counter/connect" + BY_KEY, new byte[0]);
        assertThat(response.statusCode()).isEqualTo(400);
        assertUnchanged();
    }

    @Test
    void theActorsApiRefusesWhatItCannotServe() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        statuses.add(send("GET", "/actors?name=test-counter", new byte[0]).statusCode());
        statuses.add(send("GET", "/actors?name=test-counter&limit=0", new byte[0]).statusCode());
        statuses.add(send("GET", "/actors?name=test-counter&key=corpus&cursor=x", new byte[0]).statusCode());
        statuses.add(send("GET", "/actors?name=test-counter&key=corpus&x=1", new byte[0]).statusCode());
        statuses.add(send("GET", "/actors?namespace=prod&name=test-counter&key=corpus", new byte[0]).statusCode());
        statuses.add(send("POST", "/actors", "{\"name\":\"test-counter\",\"key\":\"corpus\",\"input\":\"!!\"}"
                .getBytes(StandardCharsets.UTF_8), "content-type", "application/json").statusCode());
        statuses.add(send("POST", "/actors", "{\"name\":\"test-counter\",\"key\":\"corpus\"}"
                .getBytes(StandardCharsets.UTF_8), "content-type", "application/json").statusCode());
        assertThat(statuses).containsExactly(403, 400, 400, 400, 400, 400, 409);
        JsonNode found = json(send("GET", "/actors?name=test-counter&key=corpus", new byte[0]).body());
        assertThat(found.get("actors")).hasSize(1);
        assertThat(found.get("actors").get(0).get("key").asText()).isEqualTo("corpus");
        assertUnchanged();
    }

    @Test
    void theActorsApiListsATypeByNamePageByPage_forServices() throws Exception {
        for (int i = 0; i < 3; i++) {
            troupe.actor(Counter.class, Key.of("listed", Integer.toString(i))).increment(1);
        }
        String service = "Bearer " + TokenIssuer.hs256(SECRET).service("ops").issue();
        List<String> keys = new ArrayList<>();
        String path = "/actors?name=test-counter&limit=2";
        int pages = 0;
        while (path != null) {
            JsonNode page = json(send("GET", path, new byte[0], "authorization", service).body());
            pages++;
            page.get("actors").forEach(actor -> keys.add(actor.get("key").asText()));
            JsonNode cursor = page.get("pagination").get("cursor");
            path = cursor.isNull() ? null : "/actors?name=test-counter&limit=2&cursor=" + cursor.asText();
        }
        assertThat(pages).isEqualTo(2);
        assertThat(keys).containsExactlyInAnyOrder("corpus", "listed/0", "listed/1", "listed/2");
        assertUnchanged();
    }

    private static void assertUnchanged() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(troupe.actor(Counter.class, Key.of("corpus")).count()).isEqualTo(5));
        assertThat(HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

}
