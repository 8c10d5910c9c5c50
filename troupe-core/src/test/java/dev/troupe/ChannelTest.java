package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.host.Address;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostChannel;
import dev.troupe.host.HostConnection;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Lobby;
import dev.troupe.testing.LobbyActor;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.Visitor;
import dev.troupe.testing.VisitorActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Channels between actors, in-process, and from a transport through the host, on {@link MemoryStore}. */
class ChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Troupe troupe(Duration callTimeout) {
        return Troupe.builder().store(new MemoryStore()).register(LobbyActor.class).register(VisitorActor.class)
                .register(RecorderActor.class).callTimeout(callTimeout).build();
    }

    private static Troupe troupe() {
        return troupe(Duration.ofSeconds(30));
    }

    private static Lobby lobby(Troupe troupe, String key) {
        Lobby lobby = troupe.actor(Lobby.class, Key.of(key));
        lobby.events();
        return lobby;
    }

    @Test
    void open_accepted_greetsAndCarriesMessagesBothWaysInOrder() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "accept");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));

            assertThat(visitor.visit("accept", "hi")).isNotBlank();
            visitor.count(50);
            lobby.broadcastOnChannels("a");
            lobby.broadcastOnChannels("b");
            visitor.say("ping:1");

            List<String> sent = IntStream.rangeClosed(1, 50).mapToObj(n -> "got:" + n).toList();
            await("50 numbers and a ping at the lobby").atMost(WAIT).until(() -> lobby.events().size() == 52);
            assertThat(lobby.events()).startsWith("open:hi").containsSubsequence(sent).endsWith("got:ping:1");
            await("the greeting, two broadcasts and the pong at the visitor").atMost(WAIT)
                    .until(() -> visitor.events().size() == 4);
            assertThat(visitor.events()).containsExactly("got:welcome", "got:a", "got:b", "got:pong:1");
            assertThat(lobby.openChannels()).isOne();
            assertThat(visitor.openChannels()).isOne();
        }
    }

    @Test
    void open_rejected_failsWithTheReason_andOpensNothing() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "reject");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));

            assertThatThrownBy(() -> visitor.visit("reject", "reject")).isInstanceOfSatisfying(TroupeException.class, e -> {
                assertThat(e.is(ErrorCode.CHANNEL_REJECTED)).isTrue();
                assertThat(e.error().message()).isEqualTo("the lobby is full");
                assertThat(e.error().metadata()).containsEntry("reason", "user/full");
            });
            assertThat(lobby.openChannels()).isZero();
            assertThat(visitor.openChannels()).isZero();
            assertThat(lobby.events()).isEmpty();
        }
    }

    @Test
    void open_toATypeWithoutTheHook_isRejected() {
        try (Troupe troupe = troupe()) {
            troupe.actor(Recorder.class, Key.of("plain")).total();
            HostConnection connection = connect(troupe, new Address("test-recorder", Key.of("plain")));
            assertThatThrownBy(() -> troupe.host().openChannel(connection, null, new Collected()).join())
                    .cause().isInstanceOfSatisfying(TroupeException.class, e -> {
                        assertThat(e.is(ErrorCode.CHANNEL_REJECTED)).isTrue();
                        assertThat(e.error().metadata()).containsEntry("reason", "channel/rejected");
                    });
        }
    }

    @Test
    void closeByTheOpener_tellsTheTarget() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "close-opener");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));
            visitor.visit("close-opener", "hi");
            visitor.say("last");
            visitor.leave();

            await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/closed"));
            assertThat(lobby.events()).containsExactly("open:hi", "got:last", "closed:channel/closed");
            assertThat(visitor.openChannels()).isZero();
            assertThat(lobby.openChannels()).isZero();
            assertThat(visitor.events()).as("the closing end hears nothing of its own close").containsExactly("got:welcome");
        }
    }

    @Test
    void closeByTheTarget_tellsTheOpener_andLaterSendsFail() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "close-target");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));
            visitor.visit("close-target", "hi");
            lobby.broadcastOnChannels("bye");
            lobby.closeChannels();

            await().atMost(WAIT).until(() -> visitor.events().contains("closed:channel/closed"));
            assertThat(visitor.events()).containsExactly("got:welcome", "got:bye", "closed:channel/closed");
            assertThatThrownBy(() -> visitor.say("too late")).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.CHANNEL_CLOSED)).isTrue());
            assertThat(lobby.events()).doesNotContain("got:too late");
        }
    }

    @Test
    void closeRequestedOverTheChannel_closesFromTheTargetsMessageTurn() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "close-message");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));
            visitor.visit("close-message", "hi");
            visitor.say("close");

            await().atMost(WAIT).until(() -> visitor.events().contains("closed:channel/closed"));
            assertThat(lobby.openChannels()).isZero();
        }
    }

    @Test
    void targetDestroyed_closesTheChannel_andTheOpenerLearnsWhy() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "doomed");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));
            visitor.visit("doomed", "hi");
            lobby.leave();

            await().atMost(WAIT).until(() -> visitor.events().contains("closed:actor/not_found"));
            assertThat(visitor.openChannels()).isZero();
            assertThatThrownBy(() -> visitor.visit("doomed", "again")).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.NOT_FOUND)).as("a channel never creates its target").isTrue());
        }
    }

    @Test
    void openerDestroyed_closesTheChannel_andTheTargetLearnsWhy() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "left");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));
            visitor.visit("left", "hi");
            visitor.vanish();

            await().atMost(WAIT).until(() -> lobby.events().contains("closed:actor/not_found"));
            assertThat(lobby.openChannels()).isZero();
        }
    }

    @Test
    void targetThatNeverAnswers_timesOut_andLearnsItWhenItAcceptsLate() {
        try (Troupe troupe = troupe(Duration.ofMillis(300))) {
            Lobby lobby = troupe.ref(Lobby.class, Key.of("slow")).withTimeout(WAIT).getOrCreate();
            lobby.events();
            Visitor visitor = troupe.ref(Visitor.class, Key.of("v")).withTimeout(WAIT).getOrCreate();

            assertThatThrownBy(() -> visitor.visit("slow", "hang")).isInstanceOfSatisfying(TroupeException.class, e -> {
                assertThat(e.is(ErrorCode.CHANNEL_TIMEOUT)).isTrue();
                assertThat(e.getMessage()).contains("test-lobby").contains("did not accept the channel within PT0.3S");
            });
            assertThat(visitor.openChannels()).isZero();
            LobbyActor.release("slow");

            await("the late acceptance hears the timeout").atMost(WAIT)
                    .until(() -> lobby.events().contains("closed:channel/timeout"));
            assertThat(lobby.events()).containsExactly("open:hang", "closed:channel/timeout");
            assertThat(lobby.openChannels()).isZero();
            assertThat(visitor.events()).as("nothing the late target sent arrived").isEmpty();
        }
    }

    @Test
    void badTargets_failClearly() {
        try (Troupe troupe = troupe()) {
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));

            assertThatThrownBy(() -> visitor.visit("nobody", "hi")).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());
            assertThatThrownBy(visitor::visitUnregistered).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.TYPE_NOT_FOUND)).isTrue());
            assertThat(troupe.ref(Lobby.class, Key.of("nobody")).info()).as("nothing was created").isEmpty();
            assertThat(visitor.openChannels()).isZero();
        }
    }

    @Test
    void oversizedMessage_isRefused_andTheChannelStaysOpen() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "big");
            Visitor visitor = troupe.actor(Visitor.class, Key.of("v"));
            visitor.visit("big", "hi");

            assertThatThrownBy(() -> visitor.say("x".repeat((1 << 20) + 1))).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.MESSAGE_TOO_LARGE)).isTrue());
            visitor.say("small");
            await().atMost(WAIT).until(() -> lobby.events().contains("got:small"));
            assertThat(lobby.events()).containsExactly("open:hi", "got:small");
        }
    }

    @Test
    void transportChannel_carriesMessagesBothWays_andDisconnectTellsTheActor() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "host");
            Address address = new Address("test-lobby", Key.of("host"));
            HostConnection connection = connect(troupe, address);
            Collected received = new Collected();
            HostChannel channel = troupe.host().openChannel(connection, "\"hi\"", received).join();

            channel.send("\"ping:7\"");
            await().atMost(WAIT).until(() -> received.messages.size() == 2);
            assertThat(received.messages).containsExactly("\"welcome\"", "\"pong:7\"");
            connection.close();

            await().atMost(WAIT).until(() -> lobby.events().contains("closed:channel/disconnected"));
            assertThat(lobby.events()).containsExactly("open:hi", "got:ping:7", "closed:channel/disconnected");
            assertThatThrownBy(() -> channel.send("1")).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.CHANNEL_CLOSED)).isTrue());
            assertThat(received.closes).as("the closing end hears nothing of its own close").isEmpty();
        }
    }

    @Test
    void transportChannel_learnsWhenTheActorIsDestroyed() {
        try (Troupe troupe = troupe()) {
            Lobby lobby = lobby(troupe, "host-doomed");
            HostConnection connection = connect(troupe, new Address("test-lobby", Key.of("host-doomed")));
            Collected received = new Collected();
            troupe.host().openChannel(connection, null, received).join();
            lobby.leave();

            await().atMost(WAIT).until(() -> !received.closes.isEmpty());
            assertThat(received.closes).extracting(ActorError::qualifiedCode).containsExactly("actor/not_found");
        }
    }

    @Test
    void clientCallers_needAnAccessRuleForChannels() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).callTimeout(WAIT)
                .register(LobbyActor.class, type -> type.allow(CallerType.CLIENT, AccessRule.CONNECT))
                .build()) {
            troupe.actor(Lobby.class, Key.of("guarded")).events();
            Address address = new Address("test-lobby", Key.of("guarded"));
            HostConnection connection = troupe.host().connect(address, Caller.client("alice"), Map.of(),
                    new Ignored(), CreateMode.GET, Input.none()).join();

            assertThatThrownBy(() -> troupe.host().openChannel(connection, null, new Collected()).join())
                    .cause().isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
            assertThat(troupe.actor(Lobby.class, Key.of("guarded")).events()).isEmpty();
        }
    }

    private static HostConnection connect(Troupe troupe, Address address) {
        return troupe.host().connect(address, Caller.system("test"), Map.of(), new Ignored(), CreateMode.GET,
                Input.none()).join();
    }

    /** A connection sink that drops everything. */
    private static final class Ignored implements ConnectionSink {
        @Override
        public void event(String name, List<Object> args) {
        }

        @Override
        public void closed(ActorError reason) {
        }
    }

    /** A channel sink that keeps what arrives. */
    private static final class Collected implements ChannelSink {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<ActorError> closes = new CopyOnWriteArrayList<>();

        @Override
        public void message(String json) {
            messages.add(json);
        }

        @Override
        public void closed(ActorError reason) {
            closes.add(reason);
        }
    }
}
