package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Sessions;
import dev.troupe.testing.SessionsActor;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-connection state over WebSocket: every socket is one connection with its own state, which the
 * actions sent through it read and replace, and which ends with the socket. The actor
 * ({@code test-sessions}) keeps a hit counter per connection, named by the {@code name} param.
 */
class ConnectionStateOverWebSocketTest {
    private static TestServer t;

    @BeforeAll
    static void start() {
        MemoryStore store = new MemoryStore();
        Troupe troupe = Troupe.builder().store(store)
                .register(SessionsActor.class, type -> type.allow(CallerType.CLIENT)).build();
        t = TestServer.start(store, troupe, UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static WsClient open(String key, String name) {
        WsClient ws = t.ws("/v1/actors/test-sessions/connect?key=" + key);
        ws.send("{\"type\":\"auth\",\"params\":{\"name\":\"" + name + "\"}}");
        assertThat(ws.next().get("type").asText()).isEqualTo("welcome");
        return ws;
    }

    private static long hit(WsClient ws, int id) {
        ws.send("{\"type\":\"action\",\"id\":" + id + ",\"name\":\"hit\",\"args\":[]}");
        return ws.next("result").get("output").asLong();
    }

    @Test
    void actionsThroughASocket_readAndReplaceThatSocketsStateOnly() {
        WsClient ada = open("two", "ada");
        WsClient bob = open("two", "bob");

        assertThat(hit(ada, 1)).isEqualTo(1);
        assertThat(hit(ada, 2)).isEqualTo(2);
        assertThat(hit(bob, 1)).isEqualTo(1);

        assertThat(t.troupe.actor(Sessions.class, Key.of("two")).sessions()).containsExactly("ada:2", "bob:1");
        ada.close();
        bob.close();
    }

    @Test
    void stateEndsWithItsSocket_andANewSocketStartsAfresh() {
        WsClient first = open("again", "ada");
        hit(first, 1);
        hit(first, 2);
        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> SessionsActor.ENDED.contains("again:ada:2"));

        WsClient second = open("again", "ada");

        assertThat(hit(second, 1)).isEqualTo(1);
        second.close();
    }

    @Test
    void actionOverHttp_comesThroughNoConnection() {
        TestServer.Reply reply = t.post("/v1/actors/test-sessions/actions/hit?key=http", "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("user/no_connection");
    }
}
