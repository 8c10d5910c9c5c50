package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Sessions;
import dev.troupe.testing.SessionsActor;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-connection state ({@code Connection.state}) in-process: set in one turn, seen by later turns,
 * one per connection, gone with its connection. Calls through a connection are tested over WebSocket
 * in troupe-server.
 */
class ConnectionStateTest {
    private static Troupe troupe;

    @BeforeAll
    static void start() {
        troupe = Troupe.builder().store(new MemoryStore()).register(SessionsActor.class).build();
    }

    @AfterAll
    static void stop() {
        troupe.close();
    }

    private static Subscription connect(String key, String callerId) {
        return troupe.ref(Sessions.class, Key.of(key)).as(Caller.service(callerId)).subscribe((name, args) -> { });
    }

    @Test
    void stateSetInOnConnect_isSeenByLaterTurns_oncePerConnection() {
        Sessions sessions = troupe.actor(Sessions.class, Key.of("two"));
        try (Subscription ada = connect("two", "ada"); Subscription bob = connect("two", "bob")) {
            assertThat(sessions.sessions()).containsExactly("ada:0", "bob:0");
        }
    }

    @Test
    void stateOfAClosedConnection_isSeenByOnDisconnect_andThenGone() {
        Sessions sessions = troupe.actor(Sessions.class, Key.of("closing"));
        try (Subscription ada = connect("closing", "ada")) {
            connect("closing", "bob").close();

            await().atMost(Duration.ofSeconds(5)).until(() -> SessionsActor.ENDED.contains("closing:bob:0"));
            assertThat(sessions.sessions()).containsExactly("ada:0");
        }
    }

    @Test
    void callWithoutAConnection_hasNoConnectionState() {
        Sessions sessions = troupe.actor(Sessions.class, Key.of("unconnected"));

        assertThatThrownBy(sessions::hit)
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.error().code()).isEqualTo("no_connection"));
    }
}
