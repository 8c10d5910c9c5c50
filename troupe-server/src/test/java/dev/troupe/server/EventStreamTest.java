package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.server.testing.Board;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/actors/{type}/events}: server-sent events. */
class EventStreamTest {
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
    void stream_startsWithAWelcomeComment_thenCarriesEvents() {
        try (SseClient sse = SseClient.open(t, "/v1/actors/test-board/events?key=sse")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.contentType()).startsWith("text/event-stream");
            assertThat(sse.next().comments().getFirst()).startsWith("welcome {\"actorId\":");

            t.post("/v1/actors/test-board/actions/post?key=sse", "{\"args\":[\"hello\"]}");

            SseClient.Message event = sse.nextEvent();
            assertThat(event.event()).isEqualTo("posted");
            assertThat(event.data()).isEqualTo("[\"hello\"]");
        }
    }

    @Test
    void oneBroadcast_reachesEveryStream_asTheSameExactMessage() {
        try (SseClient first = SseClient.open(t, "/v1/actors/test-board/events?key=same");
             SseClient second = SseClient.open(t, "/v1/actors/test-board/events?key=same")) {
            first.next();
            second.next();

            t.troupe.actor(Board.class, Key.of("same")).shout("twice", 2);

            for (SseClient sse : List.of(first, second)) {
                for (int i = 0; i < 2; i++) {
                    SseClient.Message event = sse.nextEvent();
                    assertThat(event.event()).isEqualTo("shout");
                    assertThat(event.data()).isEqualTo("[\"twice\"]");
                }
            }
        }
    }

    @Test
    void eventFilter_repeated_selectsOnlyThoseEvents() {
        try (SseClient sse = SseClient.open(t, "/v1/actors/test-board/events?key=filtered&event=shout&event=other")) {
            sse.next();
            Board board = t.troupe.actor(Board.class, Key.of("filtered"));

            board.post("not wanted");
            board.shout("wanted", 1);

            SseClient.Message event = sse.nextEvent();
            assertThat(event.event()).isEqualTo("shout");
            assertThat(event.json().get(0).asText()).isEqualTo("wanted");
        }
    }

    @Test
    void closingTheStream_disconnectsFromTheActor_onceTheResumeWindowPasses() {
        try (TestServer quick = TestServer.start(config -> config.sseResumeWindow(Duration.ofMillis(200)))) {
            Board board = quick.troupe.actor(Board.class, Key.of("leaving"));
            SseClient sse = SseClient.open(quick, "/v1/actors/test-board/events?key=leaving");
            sse.next();
            assertThat(board.connectionCounts()).containsExactly(1, 0);

            sse.close();
            board.shout("probe", 1);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                board.shout("probe", 1);
                assertThat(board.connectionCounts()).containsExactly(1, 1);
            });
        }
    }

    @Test
    void destroyingTheActor_endsTheStreamWithATroupeClosedEvent_carryingTheReason() {
        SseClient sse = SseClient.open(t, "/v1/actors/test-board/events?key=ending");
        sse.next();

        t.troupe.ref(Board.class, Key.of("ending")).destroy();

        SseClient.Message last = sse.next();
        assertThat(last.event()).isEqualTo("troupe.closed");
        assertThat(last.id()).isNotNull();
        assertThat(last.json().get("group").asText() + "/" + last.json().get("code").asText()).isEqualTo("actor/not_found");
        assertThat(sse.next().event()).isEqualTo("(closed)");
    }

    @Test
    void emptyEventName_is400_beforeAnythingStreams() {
        TestServer.Reply reply = t.get("/v1/actors/test-board/events?key=x&event=");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("request/invalid_request");
    }
}
