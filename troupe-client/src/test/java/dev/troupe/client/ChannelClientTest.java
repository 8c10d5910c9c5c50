package dev.troupe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Lobby;
import dev.troupe.testing.LobbyActor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RemoteConnection#openChannel} against a real server: accept, reject, order, closes, timeout. */
class ChannelClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Troupe troupe;
    private static TroupeServer server;
    private static TroupeClient client;

    @BeforeAll
    static void start() {
        troupe = runtime(Duration.ofSeconds(30));
        server = TroupeServer.start(troupe, ServerConfig.port(0));
        client = TroupeClient.builder(server.uri()).build();
    }

    private static Troupe runtime(Duration callTimeout) {
        return Troupe.builder().store(new MemoryStore()).callTimeout(callTimeout)
                .register(LobbyActor.class, type -> type.allow(CallerType.CLIENT)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        troupe.close();
    }

    /** Keeps what arrives on a channel. */
    private static final class Inbox implements ChannelListener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<ActorError> closes = new CopyOnWriteArrayList<>();
        final List<TroupeException> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(JsonNode message) {
            messages.add(message.isTextual() ? message.asText() : message.toString());
        }

        @Override
        public void onClosed(ActorError reason) {
            closes.add(reason);
        }

        @Override
        public void onError(TroupeException error) {
            errors.add(error);
        }
    }

    private static Lobby lobby(String key) {
        Lobby lobby = troupe.ref(Lobby.class, Key.of(key)).withTimeout(WAIT).getOrCreate();
        lobby.events();
        return lobby;
    }

    private static TroupeException failure(Runnable opening) {
        try {
            opening.run();
        } catch (CompletionException e) {
            return (TroupeException) e.getCause();
        }
        throw new AssertionError("the open succeeded");
    }

    @Test
    void accepted_messagesBothWaysInOrder_thenClosedByTheClient() {
        Lobby lobby = lobby("java-accept");
        try (RemoteConnection connection = client.open(Lobby.class, Key.of("java-accept"))) {
            Inbox inbox = new Inbox();
            RemoteChannel channel = connection.openChannel("hi", inbox).join();
            IntStream.rangeClosed(1, 25).forEach(channel::send);
            channel.send("ping:j");
            await().atMost(WAIT).until(() -> inbox.messages.size() == 2);
            lobby.broadcastOnChannels("after");
            await().atMost(WAIT).until(() -> inbox.messages.size() == 3);

            assertThat(inbox.messages).containsExactly("welcome", "pong:j", "after");
            assertThat(lobby.events()).startsWith("open:hi")
                    .containsSubsequence(IntStream.rangeClosed(1, 25).mapToObj(n -> "got:" + n).toList())
                    .endsWith("got:ping:j");
            channel.close();
            await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/closed"));
            assertThat(channel.isOpen()).isFalse();
            assertThat(inbox.closes).isEmpty();
            assertThatThrownBy(() -> channel.send(1)).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.CHANNEL_CLOSED)).isTrue());
        }
    }

    @Test
    void rejected_failsWithTheReason() {
        lobby("java-reject");
        try (RemoteConnection connection = client.open(Lobby.class, Key.of("java-reject"))) {
            TroupeException e = failure(() -> connection.openChannel("reject", new Inbox()).join());

            assertThat(e.is(ErrorCode.CHANNEL_REJECTED)).isTrue();
            assertThat(e.error().message()).isEqualTo("the lobby is full");
            assertThat(e.error().metadata()).containsEntry("reason", "user/full");
        }
    }

    @Test
    void closedByTheActor_tellsTheListener() {
        Lobby lobby = lobby("java-close-actor");
        try (RemoteConnection connection = client.open(Lobby.class, Key.of("java-close-actor"))) {
            Inbox inbox = new Inbox();
            RemoteChannel channel = connection.openChannel(null, inbox).join();
            lobby.closeChannels();

            await().atMost(WAIT).until(() -> !inbox.closes.isEmpty());
            assertThat(inbox.closes).extracting(ActorError::qualifiedCode).containsExactly("channel/closed");
            assertThat(channel.isOpen()).isFalse();
        }
    }

    @Test
    void actorDestroyed_closesWithNotFound() {
        Lobby lobby = lobby("java-doomed");
        RemoteConnection connection = client.open(Lobby.class, Key.of("java-doomed"));
        Inbox inbox = new Inbox();
        connection.openChannel(null, inbox).join();
        lobby.leave();

        await().atMost(WAIT).until(() -> !inbox.closes.isEmpty());
        assertThat(inbox.closes).extracting(ActorError::qualifiedCode).containsExactly("actor/not_found");
        connection.close();
    }

    @Test
    void clientDisconnect_tellsTheActor_andTheListener() {
        Lobby lobby = lobby("java-dropped");
        RemoteConnection connection = client.open(Lobby.class, Key.of("java-dropped"));
        Inbox inbox = new Inbox();
        RemoteChannel channel = connection.openChannel(null, inbox).join();
        connection.close();

        await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/disconnected"));
        assertThat(inbox.closes).extracting(ActorError::qualifiedCode).containsExactly("channel/disconnected");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void targetThatNeverAnswers_timesOut() {
        try (Troupe quick = runtime(Duration.ofMillis(500));
             TroupeServer quickServer = TroupeServer.start(quick, ServerConfig.port(0));
             TroupeClient quickClient = TroupeClient.builder(quickServer.uri()).build();
             RemoteConnection connection = quickClient.open(Lobby.class, Key.of("java-slow"))) {
            Lobby lobby = quick.ref(Lobby.class, Key.of("java-slow")).withTimeout(WAIT).getOrCreate();
            TroupeException e = failure(() -> connection.openChannel("hang", new Inbox()).join());
            LobbyActor.release("java-slow");

            assertThat(e.is(ErrorCode.CHANNEL_TIMEOUT)).isTrue();
            assertThat(e.error().message()).contains("did not accept the channel within PT0.5S");
            await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/timeout"));
        }
    }
}
