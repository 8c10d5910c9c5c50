package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-process view API ({@link ActorRef#view()}, {@link ActorRef#syncViews}) is authorised like the
 * transports' view; {@link Troupe#awaitQuiescence} returns once a call's events and views are delivered.
 */
@Timeout(60)
class InProcessViewTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void syncedViews_afterQuiescence_showEveryDurableChange_asTheCallerSeesIt() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(AccessAndViewTest.ViewedCounter.class)
                .build()) {
            ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("viewed"));
            ActorRef<Counter> asBilling = ref.as(Caller.service("billing"));
            List<Object> views = new CopyOnWriteArrayList<>();
            try (Subscription synced = asBilling.syncViews(views::add)) {
                ref.get().increment(1);
                ref.get().increment(2);

                assertThat(troupe.awaitQuiescence(WAIT)).isTrue();
                assertThat(views).containsExactly(Map.of("count", 1L, "viewer", "billing"),
                        Map.of("count", 3L, "viewer", "billing"));
                assertThat(asBilling.view()).isEqualTo(Map.of("count", 3L, "viewer", "billing"));
            }
        }
    }

    @Test
    void events_afterQuiescence_areDelivered() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class).build()) {
            ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("heard"));
            List<Object> events = new CopyOnWriteArrayList<>();
            try (Subscription subscribed = ref.subscribe((name, args) -> events.add(args), "newCount")) {
                ref.get().increment(1);
                ref.get().increment(2);

                assertThat(troupe.awaitQuiescence(WAIT)).isTrue();
                assertThat(events).containsExactly(List.of(1L), List.of(3L));
            }
        }
    }

    @Test
    void view_ofAMissingActor_isNotFound_andOfACallerWithoutPermission_forbidden() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT, "increment", AccessRule.CONNECT))
                .build()) {
            ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("private"));
            assertThatThrownBy(ref::view).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());

            ref.getOrCreate().increment(1);
            ActorRef<Counter> asClient = ref.as(Caller.client("mallory"));
            assertThatThrownBy(asClient::view).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
            assertThatThrownBy(() -> asClient.syncViews(view -> { })).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.is(ErrorCode.FORBIDDEN)).isTrue());
        }
    }
}
