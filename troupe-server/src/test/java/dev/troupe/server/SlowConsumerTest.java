package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Key;
import dev.troupe.server.testing.Board;
import dev.troupe.testing.WireFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client that stops reading is closed with 4008 "slow consumer"; the others keep receiving. */
class SlowConsumerTest {
    private static final int BURST = 8;
    private static final int MAX_ROUNDS = 400;
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start(config -> config.outboundQueueLimit(16));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static WsClient subscribed(String key) {
        WsClient ws = t.ws("/v1/actors/test-board/connect?key=" + key);
        ws.send("{\"type\":\"auth\"}");
        ws.next("welcome");
        ws.send("{\"type\":\"subscribe\",\"event\":\"shout\",\"id\":1}");
        ws.next("result");
        return ws;
    }

    @Test
    void slowConsumer_isClosedWith4008_whileAFastOneReceivesEverything() {
        Board board = t.troupe.actor(Board.class, Key.of("flood"));
        WsClient slow = subscribed("flood");
        WsClient fast = subscribed("flood");
        slow.pause();
        String payload = "x".repeat(64 * 1024);

        int rounds = 0;
        int received = 0;
        while (rounds < MAX_ROUNDS && board.connectionCounts().get(1) == 0) {
            board.shout(payload, BURST);
            rounds++;
            for (int i = 0; i < BURST; i++) {
                JsonNode event = fast.next("event");
                assertThat(event.get("args").get(0).asText()).hasSize(payload.length());
                received++;
            }
        }

        assertThat(board.connectionCounts()).as("the slow client was disconnected within %d rounds", MAX_ROUNDS)
                .containsExactly(2, 1);
        assertThat(received).isEqualTo(rounds * BURST);
        board.shout("after", 1);
        assertThat(fast.next("event").get("args").get(0).asText()).isEqualTo("after");
        slow.resume();
        assertThat(slow.closeCode()).isEqualTo(WireFixtures.closeCode("SlowConsumer"));
        assertThat(slow.closeReason()).isEqualTo("slow consumer");
        assertThat(t.get("/metrics").body()).contains("troupe_errors_total{code=\"connection/slow_consumer\"}");
        fast.close();
    }
}
