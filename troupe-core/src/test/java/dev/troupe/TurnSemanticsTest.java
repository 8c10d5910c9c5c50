package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnSemanticsTest {
    private final MemoryStore store = new MemoryStore();
    private final Troupe troupe = TroupeTestSupport.builder(store).build();

    @AfterEach
    void close() {
        troupe.close();
    }

    @Test
    void increment_isDurableWhenItReturns() {
        Counter counter = troupe.actor(Counter.class, Key.of("a"));

        assertThat(counter.increment(2)).isEqualTo(2);
        assertThat(counter.increment(3)).isEqualTo(5);

        assertThat(store.find("test-counter", Key.of("a")).orElseThrow().state()).isEqualTo("{\"count\":5}");
    }

    @Test
    void aTurnWhoseStateCannotBeSerialised_failsAndLeavesNoTrace() {
        Ledger ledger = troupe.actor(Ledger.class, Key.of("unserialisable"));
        assertThat(ledger.add()).isEqualTo(1);

        assertThatThrownBy(ledger::addUnserialisable)
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INTERNAL_ERROR)).isTrue());

        assertThat(ledger.count()).isEqualTo(1);
        assertThat(store.find("test-ledger", Key.of("unserialisable")).orElseThrow().state())
                .isEqualTo("{\"count\":1,\"extra\":null}");
        assertThat(ledger.add()).isEqualTo(2);
    }

    @Test
    void throwingTurn_leavesNoTrace_andActorKeepsServing() {
        Counter counter = troupe.actor(Counter.class, Key.of("thrower"));
        counter.increment(1);
        List<Object> events = new CopyOnWriteArrayList<>();
        try (Subscription ignored = troupe.ref(Counter.class, Key.of("thrower"))
                .subscribe((name, args) -> events.add(args.getFirst()), "newCount")) {

            assertThatThrownBy(() -> counter.incrementThenFail(10))
                    .isInstanceOf(UserException.class)
                    .satisfies(e -> {
                        ActorError error = ((UserException) e).error();
                        assertThat(error.group()).isEqualTo("user");
                        assertThat(error.code()).isEqualTo("refused");
                        assertThat(error.metadata()).containsEntry("amount", 10L);
                    });

            assertThat(counter.count()).isEqualTo(1);
            assertThat(store.nextDueAt()).isEmpty();
            assertThat(counter.increment(1)).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
            assertThat(events).containsExactly(2L);
        }
        assertThat(store.find("test-counter", Key.of("thrower")).orElseThrow().state()).isEqualTo("{\"count\":2}");
    }

    @Test
    void get_ofAbsentActor_failsNotFound_andCreatesNothing() {
        Counter counter = troupe.ref(Counter.class, Key.of("absent")).get();

        assertThatThrownBy(counter::count)
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());
        assertThat(store.find("test-counter", Key.of("absent"))).isEmpty();
    }

    @Test
    void create_twice_failsDuplicateKey() {
        ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("dup"));
        Counter counter = ref.create(5L);
        assertThat(counter.count()).isEqualTo(5);

        assertThatThrownBy(() -> ref.create(7L))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.DUPLICATE_KEY)).isTrue());
        assertThat(counter.count()).isEqualTo(5);
    }

    @Test
    void getOrCreate_passesInputOnlyOnCreation() {
        ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("input"));
        assertThat(ref.getOrCreate(40L).increment(2)).isEqualTo(42);
        assertThat(ref.getOrCreate(1000L).count()).isEqualTo(42);
    }

    @Test
    void destroy_removesStateAndSchedules_andKeyCanBeCreatedAgain() {
        ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("doomed"));
        Counter counter = ref.getOrCreate();
        counter.increment(3);
        counter.incrementLater(60_000, 1);
        String firstId = ref.info().orElseThrow().id();

        ref.destroy();

        assertThat(ref.info()).isEmpty();
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(counter.count()).isZero();
        assertThat(ref.info().orElseThrow().id()).isNotEqualTo(firstId);
        ref.destroy();
        ref.destroy();
    }

    @Test
    void refById_reachesTheSameActor_andUnknownIdIsNotFound() {
        ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("by-id"));
        ref.getOrCreate().increment(9);
        String id = ref.info().orElseThrow().id();

        assertThat(troupe.refById(Counter.class, id).get().count()).isEqualTo(9);
        assertThatThrownBy(() -> troupe.refById(Counter.class, "nope").get().count())
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.NOT_FOUND)).isTrue());
    }

    @Test
    void keysDifferingOnlyInPartBoundaries_areDifferentActors() {
        troupe.actor(Counter.class, Key.of("acme", "general")).increment(1);
        troupe.actor(Counter.class, Key.of("acme,general")).increment(5);

        assertThat(troupe.actor(Counter.class, Key.of("acme", "general")).count()).isEqualTo(1);
        assertThat(troupe.actor(Counter.class, Key.of("acme,general")).count()).isEqualTo(5);
        assertThat(troupe.actor(Counter.class, Key.empty()).count()).isZero();
    }

    @Test
    void events_reachSubscribersInOrder_onlyAfterCommit() {
        Counter counter = troupe.actor(Counter.class, Key.of("events"));
        List<Object> seen = new CopyOnWriteArrayList<>();
        try (Subscription subscription = troupe.ref(Counter.class, Key.of("events"))
                .subscribe((name, args) -> seen.add(args.getFirst()), "newCount")) {
            assertThat(subscription.connectionId()).isNotBlank();
            for (int i = 0; i < 50; i++) {
                counter.increment(1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 50);
        }
        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void closedRuntime_refusesCalls() {
        Counter counter = troupe.actor(Counter.class, Key.of("late"));
        counter.increment(1);
        troupe.close();

        assertThatThrownBy(() -> counter.increment(1))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.UNAVAILABLE)).isTrue());
    }
}
