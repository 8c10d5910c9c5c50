package dev.troupe.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.ActorError;
import dev.troupe.CallerType;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.server.auth.Authenticator;
import dev.troupe.server.testing.Board;
import dev.troupe.server.testing.BoardActor;
import dev.troupe.store.MemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * White-box: the premise of {@link EventMemo}. If the runtime stops handing every subscriber of one
 * broadcast the same args list, the memo never hits and each subscriber serialises the event again;
 * this test says so before a benchmark does.
 */
class BroadcastArgsIdentityTest {

    /** Records the args lists it is handed. */
    private static final class RecordingSink implements ConnectionSink {
        final List<List<Object>> received = new CopyOnWriteArrayList<>();

        @Override
        public void event(String name, List<Object> args) {
            received.add(args);
        }

        @Override
        public void closed(ActorError reason) {
        }
    }

    @Test
    void everySubscriberOfOneBroadcast_isHandedTheSameArgsInstance() throws Exception {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(BoardActor.class, type -> type.allow(CallerType.CLIENT)).build()) {
            Address address = new Address("test-board", Key.of("identity"));
            List<RecordingSink> sinks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RecordingSink sink = new RecordingSink();
                troupe.host().connect(address, Authenticator.anonymous(), Map.of(), sink,
                                CreateMode.GET_OR_CREATE, Input.none())
                        .get(10, TimeUnit.SECONDS)
                        .subscribe("posted");
                sinks.add(sink);
            }

            troupe.actor(Board.class, Key.of("identity")).post("once");

            await("the broadcast reaching every sink").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(sinks).allSatisfy(sink -> assertThat(sink.received).hasSize(1)));
            List<Object> first = sinks.getFirst().received.getFirst();
            assertThat(first).containsExactly("once");
            assertThat(sinks).allSatisfy(sink -> assertThat(sink.received.getFirst()).isSameAs(first));
        }
    }
}
