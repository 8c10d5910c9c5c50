package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.TallyDefinition;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A kind of actor registered from a hand-written definition ({@link TallyDefinition}, not a Java
 * class) is served over HTTP and WebSocket like any other type, and published in the OpenAPI document
 * with its own schemas.
 */
class ActorDefinitionOverWireTest {
    private static final String TALLY = "/v1/actors/" + TallyDefinition.TYPE;
    private static TestServer t;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        t = TestServer.start(store, TestServer.builder(store).register(new TallyDefinition()).build(),
                UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void actions_answerOverHttp_asClientsAreAllowedByTheDefinitionsOwnOptions() {
        TestServer.Reply first = t.post(TALLY + "/actions/add?key=http", "{\"args\":[5]}");
        TestServer.Reply second = t.post(TALLY + "/actions/add?key=http", "{\"args\":[2]}");
        TestServer.Reply total = t.post(TALLY + "/actions/total?key=http", "{\"args\":[]}");
        TestServer.Reply view = t.get(TALLY + "/view?key=http");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("output").asLong()).isEqualTo(5);
        assertThat(second.json().get("output").asLong()).isEqualTo(7);
        assertThat(total.json().get("output").asLong()).isEqualTo(7);
        assertThat(view.json().get("view").get("total").asLong()).isEqualTo(7);
    }

    @Test
    void invalidArguments_areRefusedOverHttp_inPlainWords() {
        TestServer.Reply wrongType = t.post(TALLY + "/actions/add?key=bad", "{\"args\":[\"5\"]}");
        TestServer.Reply nested = t.post(TALLY + "/actions/note?key=bad", "{\"args\":[{\"author\":\"ann\",\"stars\":0}]}");

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.code()).isEqualTo("request/invalid_args");
        assertThat(wrongType.json().get("message").asText())
                .isEqualTo("argument 0 (amount) of add must be integer: expected an integer, got a string");
        assertThat(wrongType.json().get("metadata").get("index").asInt()).isZero();
        assertThat(nested.code()).isEqualTo("request/invalid_args");
        assertThat(nested.json().get("message").asText())
                .isEqualTo("argument 0 (entry) of note must be object: at /stars: expected at least 1, got 0");
    }

    @Test
    void actions_answerOverWebSocket_andBroadcastsReachSubscribers() {
        WsClient ws = t.ws(TALLY + "/connect?key=socket");
        ws.send("{\"type\":\"auth\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        ws.send("{\"type\":\"subscribe\",\"id\":1,\"event\":\"added\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("result");

        ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"add\",\"args\":[true]}");
        JsonNode refused = ws.next();
        ws.send("{\"type\":\"action\",\"id\":3,\"name\":\"add\",\"args\":[4]}");
        JsonNode first = ws.next();
        JsonNode second = ws.next();

        assertThat(refused.get("code").asText()).isEqualTo("invalid_args");
        assertThat(refused.get("message").asText())
                .isEqualTo("argument 0 (amount) of add must be integer: expected an integer, got a boolean");
        JsonNode event = first.get("type").asText().equals("event") ? first : second;
        JsonNode result = event == first ? second : first;
        assertThat(event.get("name").asText()).isEqualTo("added");
        assertThat(event.get("args").toString()).isEqualTo("[4,4]");
        assertThat(result.get("output").asLong()).isEqualTo(4);
        ws.close();
    }

    @Test
    void openapi_publishesTheDefinitionsSchemas() {
        JsonNode document = t.get("/v1/openapi.json").json();
        JsonNode note = document.get("paths").get(TALLY + "/actions/note").get("post");
        assertThat(note.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TestTallyNoteRequest");

        JsonNode entry = document.at("/components/schemas/TestTallyNoteRequest/properties/args/prefixItems/0");
        assertThat(entry.get("title").asText()).isEqualTo("entry");
        assertThat(entry.get("required").toString()).isEqualTo("[\"author\"]");
        assertThat(entry.at("/properties/stars/maximum").asInt()).isEqualTo(5);
        assertThat(document.at("/components/schemas/TestTallyNoteResponse/properties/output/type").asText())
                .isEqualTo("string");
    }
}
