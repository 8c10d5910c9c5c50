package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.LeakyActor;
import dev.troupe.testing.WireFixtures;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fault in actor code crosses HTTP and WebSocket as {@code actor/internal_error} with the generic
 * message only: no exception message, class or cause of it reaches the client. The actor
 * ({@code test-leaky}) puts a secret into every exception it throws.
 */
class InternalErrorOnTheWireTest {
    private static final String IN_ACTOR = "{\"group\":\"actor\",\"code\":\"internal_error\","
            + "\"message\":\"internal error in test-leaky/[\\\"k\\\"]; see the server log\",\"metadata\":{}}";
    private static final String IN_SERVER = "{\"group\":\"actor\",\"code\":\"internal_error\","
            + "\"message\":\"internal error; see the server log\",\"metadata\":{}}";

    private static TestServer t;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store)
                .register(LeakyActor.class, type -> type.allow(CallerType.CLIENT)).build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static void assertGeneric(String body, String expected) {
        assertThat(body).isEqualTo(expected).doesNotContain("hunter2", "Exception", "java.");
    }

    /** The error frame without its id and type, as the error body it mirrors. */
    private static String errorOf(JsonNode frame) {
        return ((ObjectNode) frame.deepCopy()).without(List.of("type", "id")).toString();
    }

    @Test
    void http_actionThatThrows_answers500WithTheGenericError() {
        TestServer.Reply reply = t.post("/v1/actors/test-leaky/actions/fail?key=k", "{\"args\":[]}");

        assertThat(reply.status()).isEqualTo(500);
        assertGeneric(reply.body(), IN_ACTOR);
    }

    @Test
    void http_viewThatThrows_answers500WithTheGenericError() {
        t.post("/v1/actors/test-leaky?key=k", "");

        TestServer.Reply reply = t.get("/v1/actors/test-leaky/view?key=k");

        assertThat(reply.status()).isEqualTo(500);
        assertGeneric(reply.body(), IN_ACTOR);
    }

    @Test
    void http_resultThatCannotBeSerialised_answers500WithTheGenericError() {
        TestServer.Reply reply = t.post("/v1/actors/test-leaky/actions/unserialisable?key=k", "");

        assertThat(reply.status()).isEqualTo(500);
        assertGeneric(reply.body(), IN_SERVER);
    }

    @Test
    void webSocket_actionThatThrows_answersTheGenericErrorFrame_andStaysOpen() {
        WsClient ws = t.ws("/v1/actors/test-leaky/connect?key=k");
        ws.send("{\"type\":\"auth\"}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");

        ws.send("{\"type\":\"action\",\"id\":1,\"name\":\"fail\",\"args\":[]}");
        JsonNode failed = ws.next("error");
        ws.send("{\"type\":\"action\",\"id\":2,\"name\":\"unserialisable\",\"args\":[]}");
        JsonNode unserialisable = ws.next("error");
        ws.send("{\"type\":\"view\",\"id\":3}");
        JsonNode view = ws.next("error");

        assertThat(failed.get("id").asInt()).isEqualTo(1);
        assertGeneric(errorOf(failed), IN_ACTOR);
        assertThat(unserialisable.get("id").asInt()).isEqualTo(2);
        assertGeneric(errorOf(unserialisable), IN_SERVER);
        assertThat(view.get("id").asInt()).isEqualTo(3);
        assertGeneric(errorOf(view), IN_ACTOR);
        assertThat(ws.isClosed()).isFalse();
        ws.close();
    }

    @Test
    void webSocket_onBeforeConnectThatThrows_sendsTheGenericErrorFrame_andClosesWith1011() {
        WsClient ws = t.ws("/v1/actors/test-leaky/connect?key=k");

        ws.send("{\"type\":\"auth\",\"params\":{\"explode\":true}}");
        JsonNode error = ws.next();

        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("id").isNull()).isTrue();
        assertGeneric(errorOf(error), IN_ACTOR);
        assertThat(ws.closeCode()).isEqualTo(WireFixtures.closeCode("InternalError"));
        assertThat(ws.closeReason()).isEqualTo("actor/internal_error");
    }
}
