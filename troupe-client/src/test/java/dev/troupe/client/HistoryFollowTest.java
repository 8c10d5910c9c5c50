package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RemoteConnection#followHistory} against a real server: backlog, live entries, reconnects, access. */
class HistoryFollowTest {
    private static final byte[] SECRET = "history-follow-secret-history-follow".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final MemoryStore store = new MemoryStore();
    private final TokenIssuer tokens = TokenIssuer.hs256(SECRET);
    private Troupe troupe;
    private TroupeServer server;

    private Troupe runtime() {
        return Troupe.builder().store(store)
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT).history())
                .build();
    }

    @BeforeEach
    void start() {
        troupe = runtime();
        server = TroupeServer.start(troupe, ServerConfig.port(0).jwtSecret(SECRET));
    }

    @AfterEach
    void stop() {
        server.close();
        troupe.close();
    }

    private TroupeClient clientWith(String token) {
        return TroupeClient.builder(server.uri()).token(token)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
    }

    @Test
    void followHistory_getsTheBacklogThenLiveEntries_onceEach_acrossAServerRestart() {
        try (TroupeClient client = clientWith(tokens.service("auditor").issue())) {
            Counter counter = client.actor(Counter.class, Key.of("followed"));
            counter.increment(1);
            RemoteConnection connection = client.open(Counter.class, Key.of("followed"));
            List<HistoryEntry> received = new CopyOnWriteArrayList<>();
            connection.followHistory(0, received::addAll);
            await().atMost(WAIT).until(() -> received.size() == 3);
            counter.increment(2);
            await().atMost(WAIT).until(() -> received.size() == 4);
            int port = server.port();

            server.close();
            troupe.close();
            await().atMost(WAIT).until(() -> connection.state() == RemoteConnection.State.RECONNECTING);
            troupe = runtime();
            troupe.actor(Counter.class, Key.of("followed")).increment(3);
            server = TroupeServer.start(troupe, ServerConfig.port(port).jwtSecret(SECRET));
            await().atMost(WAIT).until(() -> connection.welcomes() == 2);
            counter.increment(4);

            await().atMost(WAIT).untilAsserted(() -> assertThat(received).extracting(HistoryEntry::seq)
                    .as("creation, increment, connect, increment, the disconnect as the server stopped, the increment "
                            + "while away, the new connect, increment")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 8).boxed().toList()));
            List<HistoryEntry> stored = troupe.history(Counter.class, Key.of("followed")).entries(0, 100);
            assertThat(received).isEqualTo(stored);
            connection.close();
        }
    }

    @Test
    void closingTheRegistration_stopsTheServersSubscription_soTheConnectionMayFollowAgain() {
        try (TroupeClient client = clientWith(tokens.service("auditor").issue())) {
            Counter counter = client.actor(Counter.class, Key.of("refollowed"));
            counter.increment(1);
            RemoteConnection connection = client.open(Counter.class, Key.of("refollowed"));
            List<HistoryEntry> first = new CopyOnWriteArrayList<>();
            RemoteConnection.Registration registration = connection.followHistory(0, first::addAll);
            await().atMost(WAIT).until(() -> first.size() == 3);
            registration.close();

            List<HistoryEntry> again = new CopyOnWriteArrayList<>();
            List<TroupeException> ended = new CopyOnWriteArrayList<>();
            connection.followHistory(4, new HistoryListener() {
                @Override
                public void entries(List<HistoryEntry> entries) {
                    again.addAll(entries);
                }

                @Override
                public void ended(TroupeException error) {
                    ended.add(error);
                }
            });
            counter.increment(2);

            await().atMost(WAIT).until(() -> !again.isEmpty() || !ended.isEmpty());
            assertThat(ended).as("the server no longer follows for the closed registration").isEmpty();
            assertThat(again).extracting(HistoryEntry::seq).containsExactly(4L);
            assertThat(first).hasSize(3);
            connection.close();
        }
    }

    @Test
    void followHistory_isRefusedToAClientWithoutTheRight() {
        try (TroupeClient client = clientWith(tokens.client("alice").issue())) {
            RemoteConnection connection = client.open(Counter.class, Key.of("private"));
            List<HistoryEntry> received = new CopyOnWriteArrayList<>();
            List<TroupeException> ended = new CopyOnWriteArrayList<>();
            connection.followHistory(0, new HistoryListener() {
                @Override
                public void entries(List<HistoryEntry> entries) {
                    received.addAll(entries);
                }

                @Override
                public void ended(TroupeException error) {
                    ended.add(error);
                }
            });

            await().atMost(WAIT).until(() -> !ended.isEmpty());
            assertThat(ended.getFirst().error().qualifiedCode()).isEqualTo("auth/forbidden");
            assertThat(connection.call("increment", 1).join().asLong()).isEqualTo(1);
            assertThat(received).isEmpty();
            connection.close();
        }
    }
}
