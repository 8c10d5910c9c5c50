package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.client.testing.Scoreboard;
import dev.troupe.client.testing.ScoreboardActor;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.Lifecycle;
import dev.troupe.testing.LifecycleActor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java client against a real server on an ephemeral port. */
class TroupeClientTest {
    private static final byte[] SECRET = "client-test-secret-client-test-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final MemoryStore store = new MemoryStore();
    private Troupe troupe;
    private TroupeServer server;
    private TroupeClient client;
    private final TokenIssuer tokens = TokenIssuer.hs256(SECRET);

    private static Troupe runtime(MemoryStore store) {
        return Troupe.builder().store(store)
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT))
                .register(ScoreboardActor.class, type -> type.allow(CallerType.CLIENT))
                .register(LifecycleActor.class)
                .build();
    }

    @BeforeEach
    void start() {
        troupe = runtime(store);
        server = TroupeServer.start(troupe, ServerConfig.port(0).jwtSecret(SECRET));
        client = clientAs("alice");
    }

    private TroupeClient clientAs(String who) {
        return TroupeClient.builder(server.uri()).token(tokens.client(who).issue())
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        troupe.close();
    }

    @Test
    void typedCalls_returnDecodedResults() {
        Counter counter = client.actor(Counter.class, Key.of("acme", "visits"));
        Scoreboard board = client.actor(Scoreboard.class, Key.of("game"));

        assertThat(counter.increment(2)).isEqualTo(2);
        assertThat(counter.increment(3)).isEqualTo(5);
        assertThat(counter.count()).isEqualTo(5);
        counter.incrementSoon(1, 0);
        assertThat(board.score(7)).isEqualTo(7);
        Map<String, Integer> scores = board.scores();
        assertThat(scores).containsExactly(Map.entry("alice", 7));
        assertThat(scores.values().iterator().next()).isInstanceOf(Integer.class);
        assertThat(board.players()).containsExactly("alice");
        assertThat(troupe.actor(Counter.class, Key.of("acme", "visits")).count()).isEqualTo(5);
        assertThat(counter.toString()).isEqualTo("remote test-counter/[\"acme\",\"visits\"]");
    }

    @Test
    void errors_areRethrownWithTheWireErrorAndStatus() {
        assertThatThrownBy(() -> client.existing(Counter.class, Key.of("absent")).count())
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue();
                    assertThat(e.status()).isEqualTo(404);
                });
        assertThatThrownBy(() -> client.actor(Counter.class, Key.of("c")).incrementThenFail(4))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.error().qualifiedCode()).isEqualTo("user/refused");
                    assertThat(e.error().message()).isEqualTo("no increments today");
                    assertThat(e.error().metadata()).containsEntry("amount", 4);
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThatThrownBy(() -> client.actor(Lifecycle.class, Key.of("guarded")).notes())
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue();
                    assertThat(e.status()).isEqualTo(403);
                });
        try (TroupeClient nowhere = TroupeClient.connect(URI.create("http://127.0.0.1:1"))) {
            assertThatThrownBy(() -> nowhere.actor(Counter.class, Key.of("x")).count())
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.UNAVAILABLE)).isTrue());
        }
        assertThatThrownBy(() -> client.actor(Runnable.class, Key.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connection_deliversSubscribedEvents_andAnswersCalls() throws Exception {
        RemoteConnection connection = client.open(Scoreboard.class, Key.of("live"));
        List<List<Object>> scored = new CopyOnWriteArrayList<>();
        connection.subscribe("scored", (event, args) -> scored.add(args));
        await().atMost(WAIT).until(() -> connection.state() == RemoteConnection.State.OPEN);

        JsonNode output = connection.call("score", 3).get(10, TimeUnit.SECONDS);
        clientAs("bob").actor(Scoreboard.class, Key.of("live")).score(4);

        assertThat(output.asInt()).isEqualTo(3);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(scored).containsExactly(List.of("alice", 3), List.of("bob", 4)));
        assertThatThrownBy(() -> connection.call("nope").get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TroupeException.class)
                .cause().satisfies(e -> {
                    assertThat(((TroupeException) e).is(ErrorCode.ACTION_NOT_FOUND)).isTrue();
                    assertThat(((TroupeException) e).status()).isEqualTo(404);
                });
        connection.close();
        assertThat(connection.state()).isEqualTo(RemoteConnection.State.CLOSED);
    }

    @Test
    void view_isKeptInSyncByPatches_withVerifiedChecksums() {
        RemoteConnection connection = client.open(Scoreboard.class, Key.of("viewed"));
        List<ScoreboardActor.View> views = new CopyOnWriteArrayList<>();
        connection.view(ScoreboardActor.View.class, views::add);
        await().atMost(WAIT).until(() -> views.size() == 1);

        client.actor(Scoreboard.class, Key.of("viewed")).score(5);
        clientAs("bob").actor(Scoreboard.class, Key.of("viewed")).score(10);

        await().atMost(WAIT).untilAsserted(() -> assertThat(views).containsExactly(
                new ScoreboardActor.View(0, 0), new ScoreboardActor.View(5, 5), new ScoreboardActor.View(15, 5)));
        assertThat(connection.viewChecksum()).isEqualTo(WireJson.checksum(connection.currentView()));
        connection.close();
    }

    @Test
    void connection_reconnectsAfterAServerRestart_resubscribes_andResyncsItsView() {
        RemoteConnection connection = client.open(Scoreboard.class, Key.of("durable"));
        List<List<Object>> scored = new CopyOnWriteArrayList<>();
        List<ScoreboardActor.View> views = new CopyOnWriteArrayList<>();
        connection.subscribe("scored", (event, args) -> scored.add(args));
        connection.view(ScoreboardActor.View.class, views::add);
        await().atMost(WAIT).until(() -> views.size() == 1);
        client.actor(Scoreboard.class, Key.of("durable")).score(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(views).last().isEqualTo(new ScoreboardActor.View(1, 1)));
        int port = server.port();

        server.close();
        troupe.close();
        await().atMost(WAIT).until(() -> connection.state() == RemoteConnection.State.RECONNECTING);
        troupe = runtime(store);
        troupe.ref(Scoreboard.class, Key.of("durable")).as(dev.troupe.Caller.client("bob")).get().score(20);
        server = TroupeServer.start(troupe, ServerConfig.port(port).jwtSecret(SECRET));

        await().atMost(WAIT).until(() -> connection.welcomes() == 2 && connection.state() == RemoteConnection.State.OPEN);
        await().atMost(WAIT).untilAsserted(() -> assertThat(views).last().isEqualTo(new ScoreboardActor.View(21, 1)));
        client.actor(Scoreboard.class, Key.of("durable")).score(2);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(views).last().isEqualTo(new ScoreboardActor.View(23, 3));
            assertThat(scored).containsExactly(List.of("alice", 1), List.of("alice", 3));
        });
        assertThat(connection.viewChecksum()).isEqualTo(WireJson.checksum(connection.currentView()));
        connection.close();
    }

    @Test
    void refusedConnection_closesForGood() {
        RemoteConnection connection = client.open(Lifecycle.class, Key.of("guarded"));

        await().atMost(WAIT).until(() -> connection.state() == RemoteConnection.State.CLOSED);

        assertThat(connection.closeReason().qualifiedCode()).isEqualTo("auth/forbidden");
        assertThat(connection.welcomes()).isZero();
    }

    @Test
    void byId_handlesAndConnections_reachTheActorOfTheId() throws Exception {
        Counter byKey = client.actor(Counter.class, Key.of("by-id"));
        byKey.increment(2);
        String id = troupe.ref(Counter.class, Key.of("by-id")).info().orElseThrow().id();

        Counter byId = client.byId(Counter.class, id);
        RemoteConnection connection = client.openById(id, Map.of());
        await().atMost(WAIT).until(() -> connection.state() == RemoteConnection.State.OPEN);

        assertThat(byId.increment(3)).isEqualTo(5);
        assertThat(connection.call("count").get(10, TimeUnit.SECONDS).asLong()).isEqualTo(5);
        assertThat(byId.toString()).isEqualTo("remote actor " + id);
        connection.close();
        assertThatThrownBy(() -> client.byId(Counter.class, "0190a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b").count())
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());
        assertThatThrownBy(() -> client.byId(Counter.class, "not-an-id").count())
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_ID)).isTrue());
    }

    @Test
    void listing_pagesThroughAKeyPrefix_andIsDeniedToClients() {
        for (int i = 0; i < 5; i++) {
            troupe.actor(Counter.class, Key.of("acme", "room-" + i)).increment(1);
        }
        troupe.actor(Counter.class, Key.of("acmes")).increment(1);
        try (TroupeClient ops = TroupeClient.builder(server.uri()).token(tokens.service("ops").issue()).build()) {
            ActorPage first = ops.list("test-counter", Key.of("acme"), null, 2);
            ActorPage second = ops.list("test-counter", Key.of("acme"), first.next(), 2);

            assertThat(first.actors()).hasSize(2);
            assertThat(first.next()).isNotNull();
            assertThat(second.actors()).hasSize(2).doesNotContainAnyElementsOf(first.actors());
            assertThat(ops.listAll("test-counter", Key.of("acme")).map(info -> info.key().part(1)))
                    .containsExactlyInAnyOrder("room-0", "room-1", "room-2", "room-3", "room-4");
            assertThat(ops.listAll("test-counter", Key.empty())).hasSize(6);
            assertThatThrownBy(() -> ops.list("test-counter", Key.empty(), "bogus", 10))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.is(ErrorCode.INVALID_CURSOR)).isTrue());
        }
        assertThatThrownBy(() -> client.list("test-counter", Key.empty(), null, 10))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
    }
}
