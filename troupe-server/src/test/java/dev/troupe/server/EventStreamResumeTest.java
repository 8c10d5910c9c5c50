package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.json.Json;
import dev.troupe.server.testing.Board;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event ids, {@code Last-Event-ID} and the end of a stream over real HTTP: a stream resumes where its
 * client left off, says when it cannot, and never creates or resurrects an actor after a destroy.
 */
class EventStreamResumeTest {
    private static final String EVENTS = "/v1/actors/test-board/events?key=";
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start(config -> config.sseReplayEvents(3));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void everyEvent_carriesAnId_ofTheStreamAndItsPosition_andTheWelcomeCarriesPositionZero() {
        try (SseClient sse = SseClient.open(t, EVENTS + "ids")) {
            String welcome = sse.next().id();
            Board board = t.troupe.actor(Board.class, Key.of("ids"));

            board.post("one");
            board.post("two");

            String stream = welcome.substring(0, welcome.lastIndexOf('-'));
            assertThat(welcome).isEqualTo(stream + "-0");
            assertThat(sse.nextEvent().id()).isEqualTo(stream + "-1");
            assertThat(sse.nextEvent().id()).isEqualTo(stream + "-2");
        }
    }

    @Test
    void destroyMidStream_endsWithTroupeClosed_andAReconnect_is404_andDoesNotRecreateTheActor() {
        SseClient.Message closed;
        try (SseClient sse = SseClient.open(t, EVENTS + "destroyed")) {
            sse.next();

            t.troupe.ref(Board.class, Key.of("destroyed")).destroy();

            closed = sse.nextEvent();
        }
        assertThat(closed.event()).isEqualTo("troupe.closed");
        assertThat(closed.json().get("code").asText()).isEqualTo("not_found");

        TestServer.Reply reconnect = t.get(EVENTS + "destroyed", "Last-Event-ID", closed.id());
        TestServer.Reply insisting = t.get(EVENTS + "destroyed&mode=getOrCreate", "Last-Event-ID", closed.id());

        assertThat(reconnect.status()).isEqualTo(404);
        assertThat(reconnect.code()).isEqualTo("actor/not_found");
        assertThat(insisting.status()).isEqualTo(404);
        assertThat(t.get("/v1/actors/test-board?key=destroyed").status()).isEqualTo(404);
    }

    @Test
    void resume_withoutAGap_continuesTheSameStream_withNoReplay_andNoDisconnect() throws IOException {
        Board board = t.troupe.actor(Board.class, Key.of("no-gap"));
        String last;
        String connectionId;
        try (SseClient sse = SseClient.open(t, EVENTS + "no-gap")) {
            connectionId = welcome(sse.next()).get("connectionId").asText();
            board.post("one");
            last = sse.nextEvent().id();
        }

        try (SseClient resumed = SseClient.open(t, EVENTS + "no-gap", "Last-Event-ID", last)) {
            SseClient.Message welcome = resumed.next();
            board.post("two");
            SseClient.Message next = resumed.nextEvent();

            assertThat(welcome(welcome).get("resumed").asBoolean()).isTrue();
            assertThat(welcome(welcome).get("connectionId").asText()).isEqualTo(connectionId);
            assertThat(next.json().get(0).asText()).isEqualTo("two");
            assertThat(next.id()).isEqualTo(successor(last));
            assertThat(board.connectionCounts()).containsExactly(1, 0);
        }
    }

    @Test
    void resume_afterAGap_replaysTheMissedEvents_inOrder_thenTheLiveOnes() {
        Board board = t.troupe.actor(Board.class, Key.of("gap"));
        String last;
        try (SseClient sse = SseClient.open(t, EVENTS + "gap")) {
            sse.next();
            board.post("seen");
            last = sse.nextEvent().id();
        }
        board.post("missed 1");
        board.post("missed 2");

        try (SseClient resumed = SseClient.open(t, EVENTS + "gap", "Last-Event-ID", last)) {
            resumed.next();
            SseClient.Message first = resumed.nextEvent();
            SseClient.Message second = resumed.nextEvent();
            board.post("live");

            assertThat(first.json().get(0).asText()).isEqualTo("missed 1");
            assertThat(first.id()).isEqualTo(successor(last));
            assertThat(second.json().get(0).asText()).isEqualTo("missed 2");
            assertThat(resumed.nextEvent().json().get(0).asText()).isEqualTo("live");
        }
    }

    @Test
    void resume_fromAnIdOlderThanTheReplayBuffer_saysTroupeResetTooOld_thenGoesOn() {
        Board board = t.troupe.actor(Board.class, Key.of("too-old"));
        String last;
        try (SseClient sse = SseClient.open(t, EVENTS + "too-old")) {
            sse.next();
            board.post("seen");
            last = sse.nextEvent().id();
        }
        for (int i = 0; i < 5; i++) {
            board.post("missed " + i);
        }

        try (SseClient resumed = SseClient.open(t, EVENTS + "too-old", "Last-Event-ID", last)) {
            resumed.next();
            SseClient.Message reset = resumed.nextEvent();
            board.post("live");

            assertThat(reset.event()).isEqualTo("troupe.reset");
            assertThat(reset.json().get("reason").asText()).isEqualTo("too_old");
            assertThat(resumed.nextEvent().json().get(0).asText()).isEqualTo("live");
        }
    }

    @Test
    void anIdOfAStreamTheServerDoesNotHold_opensANewStream_startingWithTroupeResetUnknown() {
        t.troupe.actor(Board.class, Key.of("unknown")).post("exists");

        try (SseClient sse = SseClient.open(t, EVENTS + "unknown", "Last-Event-ID", "AAAAAAAAAAAAAAAAAAAAAA-7")) {
            SseClient.Message welcome = sse.next();
            SseClient.Message reset = sse.nextEvent();

            assertThat(welcome.id()).endsWith("-0").doesNotStartWith("AAAAAAAAAAAAAAAAAAAAAA");
            assertThat(reset.event()).isEqualTo("troupe.reset");
            assertThat(reset.json().get("reason").asText()).isEqualTo("unknown");
        }
    }

    @Test
    void anIdOfAStreamTheServerDoesNotHold_neverCreatesTheActor() {
        TestServer.Reply reply = t.get(EVENTS + "never-created", "Last-Event-ID", "AAAAAAAAAAAAAAAAAAAAAA-7");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("actor/not_found");
        assertThat(t.get("/v1/actors/test-board?key=never-created").status()).isEqualTo(404);
    }

    @Test
    void aMalformedLastEventId_is400() {
        TestServer.Reply reply = t.get(EVENTS + "malformed", "Last-Event-ID", "42");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("request/invalid_request");
        assertThat(reply.json().at("/metadata/header").asText()).isEqualTo("Last-Event-ID");
    }

    /** The JSON of a welcome comment. */
    private static JsonNode welcome(SseClient.Message message) throws IOException {
        return Json.mapper().readTree(message.comments().getFirst().substring("welcome ".length()));
    }

    /** The id of the event after {@code id} in its stream. */
    private static String successor(String id) {
        int dash = id.lastIndexOf('-');
        return id.substring(0, dash + 1) + (Long.parseLong(id.substring(dash + 1)) + 1);
    }
}
