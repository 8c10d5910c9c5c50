package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import dev.troupe.testing.FaultyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Results and events leave only after the commit is durable; failed commits leave no trace. */
class OutputGateTest {
    private static final Duration NOT_BEFORE = Duration.ofMillis(300);

    @Test
    void strictResultAndEvents_waitForTheCommit() throws Exception {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = Troupe.builder().store(store).register(CounterActor.class).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("gated"));
            counter.increment(1);
            List<Object> events = new CopyOnWriteArrayList<>();
            try (Subscription ignored = troupe.ref(Counter.class, Key.of("gated"))
                    .subscribe((name, args) -> events.add(args.getFirst()), "newCount")) {
                CountDownLatch committing = store.hold();
                CompletableFuture<Long> result = CompletableFuture.supplyAsync(() -> counter.increment(1));
                assertThat(committing.await(5, TimeUnit.SECONDS)).isTrue();

                CompletableFuture<Long> read = CompletableFuture.supplyAsync(counter::count);
                await().during(NOT_BEFORE).atMost(NOT_BEFORE.multipliedBy(3))
                        .until(() -> !result.isDone() && !read.isDone() && events.isEmpty());

                store.open();
                assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(2);
                assertThat(read.get(5, TimeUnit.SECONDS)).as("a read of undurable state waits too").isEqualTo(2);
                await().atMost(Duration.ofSeconds(5)).until(() -> events.equals(List.of(2L)));
            }
        }
    }

    @Test
    void relaxedResult_doesNotWaitForTheCommit() throws Exception {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = Troupe.builder().store(store)
                .register(CounterActor.class, type -> type.durability(Durability.RELAXED)).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("relaxed"));
            counter.increment(1);
            store.hold();

            assertThat(CompletableFuture.supplyAsync(() -> counter.increment(1)).get(5, TimeUnit.SECONDS)).isEqualTo(2);
            store.open();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    store.find("test-counter", Key.of("relaxed")).orElseThrow().state().equals("{\"count\":2}"));
        }
    }

    @Test
    void failedCommit_failsTheCaller_andTheActorReloadsDurableState() {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = Troupe.builder().store(store).register(CounterActor.class).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("flaky"));
            counter.increment(5);
            store.failNextCommits(1);

            assertThatThrownBy(() -> counter.increment(1))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INTERNAL_ERROR)).isTrue());

            assertThat(counter.increment(10)).isEqualTo(15);
            assertThat(store.find("test-counter", Key.of("flaky")).orElseThrow().state()).isEqualTo("{\"count\":15}");
        }
    }
}
