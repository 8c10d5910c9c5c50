package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Newsroom;
import dev.troupe.testing.NewsroomActor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Declared events on a real server: a client receives over WebSocket and SSE only the events its
 * rules allow, subscribing to a denied or undeclared one is a precise error, a broadcast failing its
 * schema fails the call and changes nothing, and the OpenAPI document publishes the events' schemas.
 */
class TypedEventsOverWireTest {
    private static final String TYPE = "/v1/actors/test-newsroom";
    private static TestServer t;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store).register(NewsroomActor.class, NewsroomActor::options).build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static WsClient open(String key) {
        WsClient ws = t.ws(TYPE + "/connect?key=" + key);
        ws.send("{\"type\":\"auth\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        return ws;
    }

    /** Asserts that {@code frame} is the error frame of request {@code id} with {@code code} about {@code event}. */
    private static void assertError(JsonNode frame, int id, String code, String event) {
        assertThat(frame.get("type").asText()).isEqualTo("error");
        assertThat(frame.get("id").asInt()).isEqualTo(id);
        assertThat(frame.get("group").asText() + "/" + frame.get("code").asText()).isEqualTo(code);
        assertThat(frame.path("metadata").path("event").asText()).isEqualTo(event);
    }

    @Test
    void overWebSocket_aClientSubscribedToAll_receivesOnlyTheEventsItsRulesAllow() {
        WsClient ws = open("ws-all");
        ws.send("{\"type\":\"subscribe\",\"event\":\"*\",\"id\":1}");
        assertThat(ws.next("result").get("id").asInt()).isEqualTo(1);

        ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"post\",\"args\":[\"ada\",\"one\"]}");
        ws.send("{\"type\":\"action\",\"id\":3,\"name\":\"post\",\"args\":[\"ada\",\"two\"]}");
        JsonNode first = ws.next("event");
        JsonNode second = ws.next("event");

        assertThat(first.get("name").asText()).isEqualTo(NewsroomActor.POSTED);
        assertThat(first.get("args").toString()).isEqualTo("[{\"author\":\"ada\",\"text\":\"one\",\"seq\":1}]");
        assertThat(second.get("name").asText()).as("the audit between them never came").isEqualTo(NewsroomActor.POSTED);
        assertThat(second.path("args").path(0).path("seq").asLong()).isEqualTo(2);
        ws.close();
    }

    @Test
    void overWebSocket_subscribingToADeniedOrUndeclaredEvent_isAnErrorFrame_andTheConnectionGoesOn() {
        WsClient ws = open("ws-refused");

        ws.send("{\"type\":\"subscribe\",\"event\":\"audit\",\"id\":1}");
        assertError(ws.next("error"), 1, "event/forbidden", NewsroomActor.AUDIT);
        ws.send("{\"type\":\"subscribe\",\"event\":\"gossip\",\"id\":2}");
        assertError(ws.next("error"), 2, "event/not_found", "gossip");
        ws.send("{\"type\":\"subscribe\",\"event\":\"message-posted\",\"id\":3}");

        assertThat(ws.next("result").get("id").asInt()).isEqualTo(3);
        assertThat(ws.isClosed()).isFalse();
        ws.close();
    }

    @Test
    void overWebSocket_aBroadcastFailingItsSchema_failsTheAction_andChangesNothing() {
        WsClient ws = open("ws-broken");

        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"postBroken\",\"args\":[\"eve\"]}");

        assertError(ws.next("error"), 1, "event/invalid_payload", NewsroomActor.POSTED);
        assertThat(t.troupe.actor(Newsroom.class, Key.of("ws-broken")).count()).isZero();
        ws.close();
    }

    @Test
    void overHttp_aBroadcastFailingItsSchema_answersItsCode_andAnUndeclaredOneToo() {
        TestServer.Reply broken = t.post(TYPE + "/actions/postBroken?key=http-broken", "{\"args\":[\"eve\"]}");
        TestServer.Reply undeclared = t.post(TYPE + "/actions/postUndeclared?key=http-broken", "{\"args\":[]}");

        assertThat(broken.code()).isEqualTo("event/invalid_payload");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(undeclared.code()).isEqualTo("event/undeclared");
        assertThat(t.post(TYPE + "/actions/count?key=http-broken", "").json().get("output").asLong()).isZero();
    }

    @Test
    void overSse_aStreamOfAll_carriesOnlyTheAllowedEvents_andNamingADeniedOneIsRefused() {
        assertThat(t.get(TYPE + "/events?key=sse&event=audit").code()).isEqualTo("event/forbidden");
        assertThat(t.get(TYPE + "/events?key=sse&event=audit").status()).isEqualTo(403);
        assertThat(t.get(TYPE + "/events?key=sse&event=gossip").code()).isEqualTo("event/not_found");

        try (SseClient stream = SseClient.open(t, TYPE + "/events?key=sse")) {
            assertThat(stream.status()).isEqualTo(200);
            stream.next();
            Newsroom newsroom = t.troupe.actor(Newsroom.class, Key.of("sse"));
            newsroom.post("ada", "one");
            newsroom.post("ada", "two");

            assertThat(stream.nextEvent().event()).isEqualTo(NewsroomActor.POSTED);
            assertThat(stream.nextEvent().event()).as("the audit between them never came").isEqualTo(NewsroomActor.POSTED);
        }
    }

    @Test
    void openApi_publishesEachDeclaredEventsArgumentSchemas() {
        JsonNode doc = t.get("/v1/openapi.json").json();
        String ref = doc.path("x-troupe-events").path("test-newsroom").path(NewsroomActor.POSTED).path("$ref").asText();

        assertThat(ref).isEqualTo("#/components/schemas/TestNewsroomMessagePostedEvent");
        JsonNode schema = doc.path("components").path("schemas").path("TestNewsroomMessagePostedEvent");
        assertThat(schema.path("type").asText()).isEqualTo("array");
        assertThat(schema.path("minItems").asInt()).isEqualTo(1);
        assertThat(schema.path("prefixItems").path(0).path("properties").path("seq").path("format").asText())
                .isEqualTo("int64");
        assertThat(doc.path("x-troupe-events").path("test-newsroom").path(NewsroomActor.AUDIT).path("$ref").asText())
                .isEqualTo("#/components/schemas/TestNewsroomAuditEvent");
    }

    @Test
    void openApi_theEventStream_takesTheDeclaredNamesOrAll_andCarriesTheirComponents() {
        JsonNode parameters = t.get("/v1/openapi.json").json().path("paths").path(TYPE + "/events").path("get").path("parameters");
        JsonNode event = null;
        for (JsonNode parameter : parameters) {
            if (parameter.path("name").asText().equals("event")) {
                event = parameter;
            }
        }

        JsonNode stream = t.get("/v1/openapi.json").json().at("/paths/" + TYPE.replace("/", "~1") + "~1events/get/responses/200"
                + "/content/text~1event-stream/schema/oneOf");
        assertThat(stream.findValuesAsText("const")).containsExactly(NewsroomActor.POSTED, NewsroomActor.AUDIT, "troupe.closed");
        assertThat(stream.path(0).at("/properties/data/$ref").asText()).isEqualTo("#/components/schemas/TestNewsroomMessagePostedEvent");
        assertThat(event).isNotNull();
        assertThat(event.path("schema").path("items").path("enum").toString())
                .isEqualTo("[\"" + NewsroomActor.POSTED + "\",\"" + NewsroomActor.AUDIT + "\",\"*\"]");
    }

    @Test
    void asyncApi_describesEachDeclaredEventsFrame_andTheSubscribeFrame() {
        TestServer.Reply reply = t.get("/v1/asyncapi.json");
        JsonNode doc = reply.json();
        JsonNode channel = doc.path("channels").path("test-newsroom");
        JsonNode posted = channel.path("messages").path(NewsroomActor.POSTED).path("payload");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/servers/this/host").asText()).startsWith("127.0.0.1:");
        assertThat(channel.path("address").asText()).isEqualTo(TYPE + "/connect");
        assertThat(posted.at("/properties/name/const").asText()).isEqualTo(NewsroomActor.POSTED);
        assertThat(posted.at("/properties/args/items/0/properties/seq/type").asText()).isEqualTo("integer");
        assertThat(posted.at("/properties/args/additionalItems").asBoolean(true)).isFalse();
        assertThat(doc.at("/operations/test-newsroom-events/action").asText()).isEqualTo("send");
        assertThat(doc.at("/operations/test-newsroom-events/messages").toString())
                .contains("#/channels/test-newsroom/messages/" + NewsroomActor.AUDIT);
        assertThat(channel.at("/messages/subscribe/payload/properties/event/enum").toString())
                .isEqualTo("[\"" + NewsroomActor.POSTED + "\",\"" + NewsroomActor.AUDIT + "\",\"*\"]");
    }
}
