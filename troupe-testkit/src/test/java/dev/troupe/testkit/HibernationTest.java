package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Actor;
import dev.troupe.ActorContract;
import dev.troupe.ActorRef;
import dev.troupe.Connection;
import dev.troupe.Input;
import dev.troupe.Key;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hibernating connections, on the kit's clock: an idle actor with connections sleeps (its memory
 * released), and a call, a schedule or a disconnect wakes it with its connections, their
 * subscriptions and their per-connection state intact.
 */
@Timeout(60)
class HibernationTest {
    /** An actor that counts pings per connection. */
    @ActorContract("test-hibernating")
    public interface Pinged {
        List<Long> ping();

        void pingIn(long minutes);

        void nap();
    }

    /** Implements {@link Pinged}: each connection's state is its ping count. */
    public static final class PingedActor extends Actor<PingedActor.State> implements Pinged {
        static final Queue<String> DISCONNECTED = new ConcurrentLinkedQueue<>();

        /** How many times the actor woke. */
        public record State(int wakes) {
        }

        /** What one connection keeps. */
        public record Seen(long pings) {
        }

        @Override
        protected State initialState(Input input) {
            return new State(0);
        }

        @Override
        protected void onWake() {
            update(s -> new State(s.wakes() + 1));
        }

        @Override
        protected void onConnect(Connection connection) {
            connection.state(new Seen(0));
        }

        @Override
        protected void onDisconnect(Connection connection) {
            DISCONNECTED.add(key().part(0) + ":" + ((Seen) connection.state()).pings());
        }

        @Override
        public List<Long> ping() {
            for (Connection connection : connections()) {
                Seen seen = (Seen) connection.state();
                connection.state(new Seen(seen.pings() + 1));
            }
            List<Long> counts = connections().stream().map(c -> c.state(Seen.class).pings()).sorted().toList();
            broadcast("pinged", counts);
            return counts;
        }

        @Override
        public void pingIn(long minutes) {
            schedules().after(Duration.ofMinutes(minutes), "ping");
        }

        @Override
        public void nap() {
            sleep();
        }
    }

    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(PingedActor.class, type -> type.sleepAfter(Duration.ofMinutes(10))).start();

    @AfterEach
    void close() {
        kit.close();
    }

    private boolean asleep() {
        kit.settle();
        return kit.troupe().stats().activeActors() == 0;
    }

    @Test
    void idleActorWithConnections_hibernates_andACallWakesItWithItsConnectionsAndTheirState() {
        ActorRef<Pinged> ref = kit.ref(Pinged.class, Key.of("idle"));
        EventCapture first = kit.events(ref, "pinged");
        EventCapture second = kit.events(ref, "pinged");
        assertThat(ref.get().ping()).containsExactly(1L, 1L);

        kit.clock().advance(Duration.ofMinutes(11));
        assertThat(asleep()).as("connections do not keep it awake").isTrue();

        assertThat(ref.get().ping()).containsExactly(2L, 2L);
        kit.settle();
        assertThat(first.of("pinged")).containsExactly(List.of(List.of(1L, 1L)), List.of(List.of(2L, 2L)));
        assertThat(second.of("pinged")).hasSize(2);
        first.close();
        second.close();
    }

    @Test
    void forcedSleep_hibernates_andTheNextCallSeesTheStateOfEveryConnection() {
        ActorRef<Pinged> ref = kit.ref(Pinged.class, Key.of("forced"));
        EventCapture events = kit.events(ref, "pinged");
        ref.get().ping();
        ref.get().ping();
        ref.get().nap();
        assertThat(asleep()).isTrue();

        assertThat(ref.get().ping()).containsExactly(3L);
        kit.settle();
        assertThat(events.of("pinged")).hasSize(3);
        events.close();
    }

    @Test
    void scheduleWakesTheHibernatingActor_andItsBroadcastReachesTheConnections() {
        ActorRef<Pinged> ref = kit.ref(Pinged.class, Key.of("scheduled"));
        EventCapture events = kit.events(ref, "pinged");
        ref.get().pingIn(30);
        kit.clock().advance(Duration.ofMinutes(11));
        assertThat(asleep()).isTrue();

        kit.clock().advance(Duration.ofMinutes(20));
        kit.settle();

        assertThat(events.of("pinged")).containsExactly(List.of(List.of(1L)));
        events.close();
    }

    @Test
    void disconnectWhileAsleep_wakesTheActor_andRunsOnDisconnectWithTheConnectionsState() {
        ActorRef<Pinged> ref = kit.ref(Pinged.class, Key.of("gone"));
        EventCapture events = kit.events(ref, "pinged");
        ref.get().ping();
        ref.get().ping();
        ref.get().nap();
        assertThat(asleep()).isTrue();

        events.close();
        kit.settle();

        assertThat(PingedActor.DISCONNECTED).contains("gone:2");
        assertThat(kit.store().storage(kit.store().find("test-hibernating", Key.of("gone")).orElseThrow().id()))
                .as("the connection's stored state is removed with it").isEmpty();
    }

    @Test
    void typeWhoseConnectionsKeepItAwake_staysAwakeWithThem() {
        try (TroupeTestKit awake = TroupeTestKit.builder().register(PingedActor.class,
                type -> type.sleepAfter(Duration.ofMinutes(10)).connectionsKeepAwake(true)).start()) {
            ActorRef<Pinged> ref = awake.ref(Pinged.class, Key.of("awake"));
            EventCapture events = awake.events(ref, "pinged");
            ref.get().ping();

            awake.clock().advance(Duration.ofMinutes(30));
            awake.settle();
            assertThat(awake.troupe().stats().activeActors()).isEqualTo(1);

            events.close();
            awake.settle();
            awake.clock().advance(Duration.ofMinutes(11));
            awake.settle();
            assertThat(awake.troupe().stats().activeActors()).isZero();
        }
    }
}
