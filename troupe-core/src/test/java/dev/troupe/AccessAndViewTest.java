package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.host.HostConnection;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AccessAndViewTest {
    private static final Address HOT = new Address("test-counter", Key.of("hot"));

    @Test
    void clients_areDeniedByDefault_servicesAndSystemAllowed() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class).build()) {
            ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("guarded"));

            assertThatThrownBy(() -> ref.as(Caller.client("mallory")).getOrCreate().increment(1))
                    .isInstanceOfSatisfying(TroupeException.class, e -> {
                        assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue();
                        assertThat(e.status()).isEqualTo(403);
                    });
            assertThat(ref.info()).isEmpty();
            assertThat(ref.as(Caller.service("billing")).getOrCreate().increment(2)).isEqualTo(2);
            assertThat(ref.getOrCreate().increment(3)).isEqualTo(5);
        }
    }

    @Test
    void allowRules_grantClientsOnlyTheNamedOperations() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT, "count")).build()) {
            ActorRef<Counter> asClient = troupe.ref(Counter.class, Key.of("c")).as(Caller.client("alice"));
            troupe.actor(Counter.class, Key.of("c")).increment(4);

            assertThat(asClient.get().count()).isEqualTo(4);
            assertThatThrownBy(() -> asClient.get().increment(1))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
            assertThatThrownBy(asClient::destroy)
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
            assertThatThrownBy(() -> troupe.ref(Counter.class, Key.of("new")).as(Caller.client("alice")).get().count())
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());
        }
    }

    @Test
    void views_arePushedAfterDurableChanges_perCaller() throws Exception {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(ViewedCounter.class).build()) {
            List<Object> views = new CopyOnWriteArrayList<>();
            ConnectionSink sink = new ConnectionSink() {
                @Override
                public void event(String name, List<Object> args) {
                }

                @Override
                public void view(Object view) {
                    views.add(view);
                }

                @Override
                public void closed(ActorError reason) {
                }
            };
            HostConnection connection = troupe.host()
                    .connect(HOT, Caller.service("watcher"), Map.of(), sink, CreateMode.GET_OR_CREATE, Input.none())
                    .get();
            connection.syncViews(true);
            assertThat(connection.view().get()).isEqualTo(Map.of("count", 0L, "viewer", "watcher"));

            Counter counter = troupe.actor(Counter.class, Key.of("hot"));
            counter.increment(1);
            counter.increment(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> views.size() == 2);
            assertThat(views).containsExactly(Map.of("count", 1L, "viewer", "watcher"),
                    Map.of("count", 3L, "viewer", "watcher"));
            assertThat(troupe.host().view(HOT, Caller.service("other"), CreateMode.GET, Input.none()).get())
                    .isEqualTo(Map.of("count", 3L, "viewer", "other"));
            connection.close();
        }
    }

    /** A counter whose view shows the count and who is looking. */
    public static final class ViewedCounter extends dev.troupe.Actor<CounterActor.State> implements Counter {
        @Override
        protected CounterActor.State initialState(Input input) {
            return new CounterActor.State(0);
        }

        @Override
        protected Object view(CounterActor.State state, Caller caller) {
            return Map.of("count", state.count(), "viewer", caller.id());
        }

        @Override
        public long increment(long amount) {
            return update(s -> new CounterActor.State(s.count() + amount)).count();
        }

        @Override
        public long count() {
            return state().count();
        }

        @Override
        public long incrementThenFail(long amount) {
            throw new UserException("unsupported", "not here");
        }

        @Override
        public String incrementLater(long delayMillis, long amount) {
            throw new UserException("unsupported", "not here");
        }

        @Override
        public void incrementSoon(long delayMillis, long amount) {
            throw new UserException("unsupported", "not here");
        }

        @Override
        public int overlaps() {
            return 0;
        }
    }
}
