package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.ActorRef;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.Subscription;
import dev.troupe.UserException;
import dev.troupe.definition.EventDefinition;
import dev.troupe.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoActorsTest {
    @TempDir
    Path dir;

    @Test
    void counterAndChatRoom_workForAnonymousClients_andSurviveRestart() {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(dir))).build()) {
            Counter counter = troupe.ref(Counter.class, Key.of("demo", "visits")).as(Caller.client("anonymous"))
                    .getOrCreate();
            assertThat(counter.increment(2)).isEqualTo(2);
            ChatRoom room = troupe.ref(ChatRoom.class, Key.of("acme", "general")).as(Caller.client("anonymous"))
                    .getOrCreate();
            assertThat(room.send(" ada ", "hello").seq()).isEqualTo(1);
            assertThat(room.send("bob", "hi ada").seq()).isEqualTo(2);
        }
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(dir))).build()) {
            assertThat(troupe.actor(Counter.class, Key.of("demo", "visits")).count()).isEqualTo(2);
            List<ChatMessage> history = troupe.actor(ChatRoom.class, Key.of("acme", "general")).history();
            assertThat(history).extracting(ChatMessage::user).containsExactly("ada", "bob");
        }
    }

    @Test
    void counterAndChatRoom_declareTheirEvents_andWhatTheyBroadcastFitsTheSchemas() {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(dir)).validateEvents(true)).build()) {
            List<String> received = new CopyOnWriteArrayList<>();
            ActorRef<Counter> counter = troupe.ref(Counter.class, Key.of("typed")).as(Caller.client("anonymous"));
            ActorRef<ChatRoom> room = troupe.ref(ChatRoom.class, Key.of("typed")).as(Caller.client("anonymous"));
            try (Subscription counted = counter.subscribe((name, args) -> received.add(name), DemoActors.NEW_COUNT);
                 Subscription posted = room.subscribe((name, args) -> received.add(name), DemoActors.MESSAGE)) {
                counter.getOrCreate().increment(3);
                room.getOrCreate().send("ada", "typed");

                await().untilAsserted(() -> assertThat(received)
                        .containsExactlyInAnyOrder(DemoActors.NEW_COUNT, DemoActors.MESSAGE));
            }
            assertThat(troupe.host().type("counter").events()).extracting(EventDefinition::name)
                    .containsExactly(DemoActors.NEW_COUNT);
            assertThatThrownBy(() -> counter.subscribe((name, args) -> { }, "newTotal"))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.EVENT_NOT_FOUND)).isTrue());
        }
    }

    @Test
    void chatRoom_refusesEmptyOrOversizedMessages_withoutChangingHistory() {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(dir))).build()) {
            ChatRoom room = troupe.actor(ChatRoom.class, Key.of("strict"));

            assertThatThrownBy(() -> room.send("ada", "  ")).isInstanceOfSatisfying(UserException.class,
                    e -> assertThat(e.error().qualifiedCode()).isEqualTo("user/invalid_message"));
            assertThatThrownBy(() -> room.send("a".repeat(65), "hi")).isInstanceOf(UserException.class);
            assertThatThrownBy(() -> room.send("ada", "x".repeat(2001))).isInstanceOf(UserException.class);
            assertThat(room.history()).isEmpty();
        }
    }

    @Test
    void counter_refusesToPassTheRangeOfALong_withoutChangingTheCount() {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(dir))).build()) {
            Counter top = troupe.actor(Counter.class, Key.of("top"));
            Counter bottom = troupe.actor(Counter.class, Key.of("bottom"));
            top.increment(Long.MAX_VALUE);
            bottom.increment(Long.MIN_VALUE);

            assertThatThrownBy(() -> top.increment(1)).isInstanceOfSatisfying(UserException.class,
                    e -> assertThat(e.error().qualifiedCode()).isEqualTo("user/overflow"));
            assertThatThrownBy(() -> bottom.increment(-1)).isInstanceOfSatisfying(UserException.class,
                    e -> assertThat(e.error().qualifiedCode()).isEqualTo("user/overflow"));
            assertThatThrownBy(() -> bottom.increment(Long.MIN_VALUE)).isInstanceOf(UserException.class);
            assertThat(top.count()).isEqualTo(Long.MAX_VALUE);
            assertThat(bottom.count()).isEqualTo(Long.MIN_VALUE);
            assertThat(top.increment(Long.MIN_VALUE)).isEqualTo(-1);
        }
    }

    @Test
    void anonymousClients_mayNotDestroyDemoActors() {
        try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(dir))).build()) {
            troupe.actor(Counter.class, Key.of("keep")).increment(1);

            assertThatThrownBy(() -> troupe.ref(Counter.class, Key.of("keep")).as(Caller.client("anonymous")).destroy())
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
        }
    }
}
