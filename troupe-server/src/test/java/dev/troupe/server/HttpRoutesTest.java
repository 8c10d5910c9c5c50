package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.json.CanonicalJson;
import dev.troupe.testing.Counter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every HTTP route of wire protocol v1, on a real server. */
class HttpRoutesTest {
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void action_createsOnFirstUse_andAnswersOutputOnceDurable() {
        TestServer.Reply first = t.post("/v1/actors/test-counter/actions/increment?key=acme&key=visits", "{\"args\":[2]}");
        TestServer.Reply second = t.post("/v1/actors/test-counter/actions/increment?key=acme&key=visits", "{\"args\":[3]}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("output").asLong()).isEqualTo(2);
        assertThat(second.json().get("output").asLong()).isEqualTo(5);
        assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void action_keysAreCompound_notJoined() {
        t.post("/v1/actors/test-counter/actions/increment?key=acme&key=general", "{\"args\":[1]}");
        TestServer.Reply joined = t.post("/v1/actors/test-counter/actions/count?key=acme,general&mode=get", "{}");

        assertThat(joined.status()).isEqualTo(404);
        assertThat(joined.code()).isEqualTo("actor/not_found");
    }

    @Test
    void action_withInput_createsWithIt() {
        TestServer.Reply reply = t.post("/v1/actors/test-counter/actions/count?key=seeded",
                "{\"args\":[],\"input\":40}");

        assertThat(reply.json().get("output").asLong()).isEqualTo(40);
    }

    @Test
    void action_emptyKeyAndEmptyBody_areTheSingletonAndNoArgs() {
        t.post("/v1/actors/test-counter/actions/increment", "{\"args\":[7]}");

        assertThat(t.post("/v1/actors/test-counter/actions/count", "").json().get("output").asLong()).isEqualTo(7);
    }

    @Test
    void action_modeGet_refusesToCreate() {
        TestServer.Reply reply = t.post("/v1/actors/test-counter/actions/count?key=absent&mode=get", "{\"args\":[]}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("actor/not_found");
        assertThat(t.get("/v1/actors/test-counter?key=absent").status()).isEqualTo(404);
    }

    @Test
    void action_userError_isSentUnchanged_andLeavesNoTrace() {
        t.post("/v1/actors/test-counter/actions/increment?key=refusing", "{\"args\":[1]}");

        TestServer.Reply reply = t.post("/v1/actors/test-counter/actions/incrementThenFail?key=refusing", "{\"args\":[5]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("group").asText()).isEqualTo("user");
        assertThat(reply.json().get("code").asText()).isEqualTo("refused");
        assertThat(reply.json().get("message").asText()).isEqualTo("no increments today");
        assertThat(reply.json().get("metadata").get("amount").asLong()).isEqualTo(5);
        assertThat(t.post("/v1/actors/test-counter/actions/count?key=refusing", "").json().get("output").asLong())
                .isEqualTo(1);
    }

    @Test
    void create_answers201_thenDuplicateIs409() {
        TestServer.Reply created = t.post("/v1/actors/test-counter?key=made", "{\"input\":3}");
        TestServer.Reply again = t.post("/v1/actors/test-counter?key=made", "{}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isNotBlank();
        assertThat(created.json().get("key").toString()).isEqualTo("[\"made\"]");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("actor/duplicate_key");
        assertThat(t.post("/v1/actors/test-counter/actions/count?key=made", "").json().get("output").asLong())
                .isEqualTo(3);
    }

    @Test
    void info_describesAnExistingActor_and404sAnAbsentOne() {
        String id = t.post("/v1/actors/test-counter?key=described&key=twice", "").json().get("id").asText();

        TestServer.Reply info = t.get("/v1/actors/test-counter?key=described&key=twice");
        TestServer.Reply absent = t.get("/v1/actors/test-counter?key=nobody");

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("id").asText()).isEqualTo(id);
        assertThat(info.json().get("type").asText()).isEqualTo("test-counter");
        assertThat(info.json().get("key").toString()).isEqualTo("[\"described\",\"twice\"]");
        assertThat(info.json().get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.code()).isEqualTo("actor/not_found");
    }

    @Test
    void delete_answers204_andTheKeyCanBeCreatedAgain() {
        t.post("/v1/actors/test-counter/actions/increment?key=doomed", "{\"args\":[9]}");
        String service = "Bearer " + t.tokens().service("ops").issue();

        TestServer.Reply deleted = t.send("DELETE", "/v1/actors/test-counter?key=doomed", null, "Authorization", service);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(t.get("/v1/actors/test-counter?key=doomed").status()).isEqualTo(404);
        assertThat(t.send("DELETE", "/v1/actors/test-counter?key=doomed", null, "Authorization", service).status())
                .isEqualTo(204);
        assertThat(t.post("/v1/actors/test-counter/actions/count?key=doomed", "").json().get("output").asLong())
                .isZero();
    }

    @Test
    void view_answersTheCallersViewWithItsChecksum() {
        t.post("/v1/actors/test-board/actions/post?key=viewed", "{\"args\":[\"hello\"]}");

        TestServer.Reply reply = t.get("/v1/actors/test-board/view?key=viewed");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode view = reply.json().get("view");
        assertThat(view.get("posts").toString()).isEqualTo("[\"hello\"]");
        assertThat(view.get("mine").toString()).isEqualTo("[]");
        assertThat(reply.json().get("checksum").asText()).isEqualTo(CanonicalJson.checksum(view))
                .isEqualTo(sha256("{\"mine\":[],\"posts\":[\"hello\"]}"));
        assertThat(reply.json().get("seq").asLong()).isZero();
    }

    @Test
    void delete_byAClient_isForbiddenByDefault() {
        t.post("/v1/actors/test-counter/actions/increment?key=kept", "{\"args\":[1]}");

        TestServer.Reply reply = t.send("DELETE", "/v1/actors/test-counter?key=kept", null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("auth/forbidden");
        assertThat(t.get("/v1/actors/test-counter?key=kept").status()).isEqualTo(200);
    }

    @Test
    void view_ofAnAbsentActor_is404_unlessModeAllowsCreation() {
        assertThat(t.get("/v1/actors/test-board/view?key=unseen").code()).isEqualTo("actor/not_found");
        assertThat(t.get("/v1/actors/test-board/view?key=unseen&mode=getOrCreate").status()).isEqualTo(200);
    }

    @Test
    void jsonBodies_mayDeclareJsonWithParameters_orAJsonSuffix_orNothing() {
        for (String contentType : List.of("application/json", "application/json; charset=utf-8", "Application/JSON",
                "application/merge-patch+json")) {
            TestServer.Reply reply = t.post("/v1/actors/test-counter/actions/count?key=typed", "{}",
                    "Content-Type", contentType);
            assertThat(reply.status()).as(contentType).isEqualTo(200);
        }
        assertThat(t.post("/v1/actors/test-counter/actions/count?key=typed", "{}").status()).isEqualTo(200);
    }

    @Test
    void readyz_isReadyWhileServing_andNotOnceTheRuntimeCloses() {
        try (TestServer fresh = TestServer.start()) {
            TestServer.Reply ready = fresh.get("/readyz");
            fresh.troupe.close();
            TestServer.Reply closing = fresh.get("/readyz");

            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");
            assertThat(closing.status()).isEqualTo(503);
            assertThat(fresh.get("/healthz").status()).as("liveness is the server's, not the runtime's").isEqualTo(200);
        }
    }

    @Test
    void view_thatCreatesTheActor_givesItTheInput_andAnExistingActorIgnoresIt() {
        TestServer.Reply created = t.get("/v1/actors/test-counter/view?key=made-by-view&mode=getOrCreate&input=41");
        TestServer.Reply again = t.get("/v1/actors/test-counter/view?key=made-by-view&mode=getOrCreate&input=7");

        assertThat(created.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(t.troupe.actor(Counter.class, Key.of("made-by-view")).count()).isEqualTo(41);
    }

    @Test
    void openapi_describesEveryActionWithItsSchemas() {
        TestServer.Reply reply = t.get("/v1/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.json().get("paths");
        JsonNode increment = paths.get("/v1/actors/test-counter/actions/increment").get("post");
        assertThat(increment.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TestCounterIncrementRequest");
        assertThat(increment.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TestCounterIncrementResponse");
        JsonNode schemas = reply.json().at("/components/schemas");
        assertThat(schemas.at("/TestCounterIncrementRequest/properties/args/prefixItems/0/type").asText())
                .isEqualTo("integer");
        assertThat(schemas.at("/TestCounterIncrementResponse/properties/output/type").asText()).isEqualTo("integer");
        assertThat(paths.has("/v1/actors/test-board/actions/posts")).isTrue();
        assertThat(paths.has("/v1/actors/test-board/view")).isTrue();
        assertThat(paths.get("/v1/actors/test-board").has("delete")).isTrue();
        assertThat(reply.json().at("/components/schemas/Error/required").size()).isEqualTo(4);
    }

    @Test
    void openapi_documentsLastEventId_onTheEventStream_andNoHeadOrOptionsOperations() {
        JsonNode paths = t.get("/v1/openapi.json").json().get("paths");
        JsonNode events = paths.get("/v1/actors/test-board/events");

        assertThat(events.get("get").get("parameters").findValuesAsText("name")).contains("Last-Event-ID");
        for (JsonNode path : (Iterable<JsonNode>) paths::elements) {
            assertThat(path.has("head") || path.has("options")).isFalse();
        }
    }

    @Test
    void healthz_isOk() {
        TestServer.Reply reply = t.get("/healthz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void metrics_countRequestsErrorsAndTurns() {
        t.post("/v1/actors/test-counter/actions/increment?key=metered", "{\"args\":[1]}");
        t.post("/v1/actors/test-counter/actions/nope?key=metered", "{}");

        TestServer.Reply reply = t.get("/metrics");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(reply.body())
                .contains("troupe_http_requests_total{method=\"POST\",route=\"/v1/actors/{type}/actions/{action}\",status=\"200\"}")
                .contains("troupe_errors_total{code=\"actor/action_not_found\"}")
                .contains("troupe_turns_total")
                .contains("troupe_commit_batches_total")
                .contains("troupe_committed_writes_total")
                .contains("troupe_active_actors")
                .contains("troupe_websocket_connections")
                .contains("troupe_turn_duration_seconds_bucket{outcome=\"ok\",type=\"test-counter\"")
                .contains("troupe_commit_batch_writes_bucket")
                .contains("troupe_commit_duration_seconds_count");
    }

    @Test
    void metrics_afterManyRequests_countEveryOne_underTheSameNames() {
        try (TestServer fresh = TestServer.start()) {
            for (int i = 0; i < 40; i++) {
                fresh.post("/v1/actors/test-counter/actions/increment?key=many", "{\"args\":[1]}");
                fresh.post("/v1/actors/test-counter/actions/nope?key=many", "{}");
            }

            String body = fresh.get("/metrics").body();

            assertThat(body)
                    .contains("troupe_http_requests_total{method=\"POST\",route=\"/v1/actors/{type}/actions/{action}\",status=\"200\"} 40.0\n")
                    .contains("troupe_http_requests_total{method=\"POST\",route=\"/v1/actors/{type}/actions/{action}\",status=\"404\"} 40.0\n")
                    .contains("troupe_errors_total{code=\"actor/action_not_found\"} 40.0\n");
            // The 40 increments and whatever turns activation takes.
            assertThat(sample(body, "troupe_turn_duration_seconds_count{outcome=\"ok\",type=\"test-counter\"}"))
                    .isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void anAnswerGivenBeforeTheBodyArrived_saysConnectionClose() throws IOException {
        URI base = t.uri("/");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/actors/test-counter/actions/nope?key=early HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line.toLowerCase(Locale.ROOT));
            }

            assertThat(head.getFirst()).isEqualTo("http/1.1 404 not found");
            assertThat(head).contains("connection: close");
        }
    }

    @Test
    void metrics_inventedMethods_countAsOther_insteadOfOneSeriesEach() {
        try (TestServer fresh = TestServer.start()) {
            for (int i = 0; i < 20; i++) {
                assertThat(fresh.send("INVENTED" + i, "/healthz", "").status()).isEqualTo(405);
            }

            String body = fresh.get("/metrics").body();

            assertThat(body).doesNotContain("INVENTED")
                    .contains("troupe_http_requests_total{method=\"OTHER\",route=\"/healthz\",status=\"405\"} 20.0\n");
        }
    }

    @Test
    void unsupportedMethod_is405WithAllow() {
        TestServer.Reply reply = t.send("PUT", "/v1/actors/test-counter/actions/increment", "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.code()).isEqualTo("request/method_not_allowed");
        assertThat(reply.headers().firstValue("allow")).hasValue("POST, OPTIONS");
    }

    @Test
    void unknownPath_is404Json() {
        TestServer.Reply reply = t.get("/v2/nothing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("request/not_found");
    }

    /** The value of the exposition line that starts with {@code series}. */
    private static double sample(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + exposition));
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
