package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of wire protocol v1 addressed by actor id ({@code /v1/ids/{id}/…}), on a real server:
 * the same operations and access rules as by type and key, an unknown id {@code 404 actor/not_found},
 * a malformed one {@code 400 request/invalid_id}, and never a creation.
 */
class ActorsByIdTest {
    private static final String ABSENT = "0190a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b";
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String created(String type, String key) {
        return t.post("/v1/actors/" + type + "?key=" + key, "").json().get("id").asText();
    }

    @Test
    void info_byId_isTheInfoByKey() {
        String id = created("test-counter", "by-id-info");

        TestServer.Reply byId = t.get("/v1/ids/" + id);

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json()).isEqualTo(t.get("/v1/actors/test-counter?key=by-id-info").json());
    }

    @Test
    void action_byId_callsTheActor_andAnswersItsOutput() {
        String id = created("test-counter", "by-id-action");

        TestServer.Reply first = t.post("/v1/ids/" + id + "/actions/increment", "{\"args\":[4]}");
        TestServer.Reply second = t.post("/v1/ids/" + id + "/actions/increment", "{\"args\":[5]}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json().get("output").asLong()).isEqualTo(9);
        assertThat(t.post("/v1/actors/test-counter/actions/count?key=by-id-action", "").json().get("output").asLong())
                .isEqualTo(9);
    }

    @Test
    void action_byId_ofAnUnknownAction_is404_andWrongArgs400() {
        String id = created("test-counter", "by-id-wrong");

        assertThat(t.post("/v1/ids/" + id + "/actions/nope", "").code()).isEqualTo("actor/action_not_found");
        assertThat(t.post("/v1/ids/" + id + "/actions/increment", "{\"args\":[\"x\"]}").code())
                .isEqualTo("request/invalid_args");
    }

    @Test
    void view_byId_isTheViewByKey() {
        String id = created("test-board", "by-id-view");
        t.post("/v1/ids/" + id + "/actions/post", "{\"args\":[\"hi\"]}");

        TestServer.Reply byId = t.get("/v1/ids/" + id + "/view");

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json()).isEqualTo(t.get("/v1/actors/test-board/view?key=by-id-view").json());
    }

    @Test
    void events_byId_streamTheActorsEvents() {
        String id = created("test-board", "by-id-sse");
        try (SseClient sse = SseClient.open(t, "/v1/ids/" + id + "/events")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.next().comments().getFirst()).startsWith("welcome {\"actorId\":\"" + id + "\"");

            t.post("/v1/actors/test-board/actions/post?key=by-id-sse", "{\"args\":[\"hello\"]}");

            SseClient.Message event = sse.nextEvent();
            assertThat(event.event()).isEqualTo("posted");
            assertThat(event.data()).isEqualTo("[\"hello\"]");
        }
    }

    @Test
    void connect_byId_opensAWebSocketToTheActor() {
        String id = created("test-board", "by-id-ws");
        WsClient ws = t.ws("/v1/ids/" + id + "/connect");

        ws.send("{\"type\":\"auth\"}");
        JsonNode welcome = ws.next();
        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"post\",\"args\":[\"over ws\"]}");
        JsonNode result = ws.next("result");

        assertThat(welcome.get("actorId").asText()).isEqualTo(id);
        assertThat(result.get("output").asInt()).isEqualTo(1);
        ws.close();
    }

    @Test
    void connect_byUnknownId_is404BeforeTheUpgrade() {
        TestServer.Reply reply = t.get("/v1/ids/" + ABSENT + "/connect");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("actor/not_found");
    }

    @Test
    void destroy_byId_destroys_thenTheIdIsUnknown() {
        String id = created("test-counter", "by-id-destroy");
        String service = "Bearer " + t.tokens().service("ops").issue();

        TestServer.Reply destroyed = t.send("DELETE", "/v1/ids/" + id, "", "Authorization", service);
        TestServer.Reply again = t.send("DELETE", "/v1/ids/" + id, "", "Authorization", service);

        assertThat(destroyed.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("actor/not_found");
        assertThat(t.get("/v1/actors/test-counter?key=by-id-destroy").status()).isEqualTo(404);
    }

    @Test
    void accessRules_applyAsByKey() {
        String counter = created("test-counter", "by-id-guarded");
        String lifecycle = t.post("/v1/actors/test-lifecycle?key=by-id-guarded", "",
                "Authorization", "Bearer " + t.tokens().service("ops").issue()).json().get("id").asText();

        assertThat(t.send("DELETE", "/v1/ids/" + counter, "").code()).isEqualTo("auth/forbidden");
        assertThat(t.get("/v1/ids/" + lifecycle).code()).isEqualTo("auth/forbidden");
        assertThat(t.get("/v1/ids/" + lifecycle + "/view").code()).isEqualTo("auth/forbidden");
        assertThat(t.get("/v1/ids/" + lifecycle, "Authorization", "Bearer " + t.tokens().service("ops").issue())
                .status()).isEqualTo(200);
        assertThat(t.get("/v1/ids/" + counter).status()).isEqualTo(200);
    }

    @Test
    void aTokenScopedToAnotherKey_isForbiddenById() {
        String id = created("test-counter", "by-id-scoped");
        String token = t.tokens().client("alice").actor("test-counter", Key.of("other")).issue();

        TestServer.Reply reply = t.get("/v1/ids/" + id, "Authorization", "Bearer " + token);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("auth/forbidden");
    }

    @Test
    void unknownId_is404_onEveryRoute_andNothingIsCreated() {
        for (String route : new String[] {"", "/view", "/events"}) {
            TestServer.Reply reply = t.get("/v1/ids/" + ABSENT + route);
            assertThat(reply.status()).as(route).isEqualTo(404);
            assertThat(reply.code()).as(route).isEqualTo("actor/not_found");
            assertThat(reply.json().get("metadata").get("id").asText()).isEqualTo(ABSENT);
        }
        assertThat(t.post("/v1/ids/" + ABSENT + "/actions/increment", "{\"args\":[1]}").code())
                .isEqualTo("actor/not_found");
        assertThat(t.send("DELETE", "/v1/ids/" + ABSENT, "").code()).isEqualTo("actor/not_found");
    }

    @Test
    void malformedId_is400InvalidId() {
        for (String id : new String[] {"nope", ABSENT.toUpperCase(Locale.ROOT), ABSENT + "0",
                UUID.randomUUID().toString().replace("-", "")}) {
            TestServer.Reply reply = t.get("/v1/ids/" + id);
            assertThat(reply.status()).as(id).isEqualTo(400);
            assertThat(reply.code()).as(id).isEqualTo("request/invalid_id");
        }
    }

    @Test
    void keyOrModeParameters_areRefusedById() {
        String id = created("test-counter", "by-id-params");

        TestServer.Reply withKey = t.get("/v1/ids/" + id + "?key=by-id-params");
        TestServer.Reply withMode = t.post("/v1/ids/" + id + "/actions/increment?mode=getOrCreate", "{\"args\":[1]}");

        assertThat(withKey.code()).isEqualTo("request/invalid_request");
        assertThat(withKey.json().get("metadata").get("parameter").asText()).isEqualTo("key");
        assertThat(withMode.code()).isEqualTo("request/invalid_request");
        assertThat(withMode.json().get("metadata").get("parameter").asText()).isEqualTo("mode");
    }

    @Test
    void createByIdIsNoRoute_soPostIs405() {
        String id = created("test-counter", "by-id-post");

        TestServer.Reply reply = t.post("/v1/ids/" + id, "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.headers().firstValue("allow")).hasValue("GET, HEAD, DELETE, OPTIONS");
    }
}
