package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Looper;
import dev.troupe.testing.LooperActor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The run loop ({@link Actor#run}) with the real runtime on {@link MemoryStore}; see docs/queues.md. */
class RunLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static Troupe troupe(MemoryStore store) {
        return Troupe.builder().store(store).register(LooperActor.class, LooperActor::options)
                .schedulePollInterval(Duration.ofMillis(50)).build();
    }

    private static ActorRef<Looper> looper(Troupe troupe, String key) {
        troupe.actor(Looper.class, Key.of(key)).touched();
        return troupe.ref(Looper.class, Key.of(key));
    }

    private static Map<String, Object> job(String text) {
        return Map.of("text", text);
    }

    @Test
    void loop_takesEachMessageInATurnOfItsOwn_once_inOrder_andEmptiesTheQueue() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            ActorRef<Looper> ref = looper(troupe, "order");
            List<String> texts = IntStream.range(0, 100).mapToObj(i -> "m" + i).toList();
            texts.forEach(text -> ref.enqueue(LooperActor.QUEUE, job(text)));

            await("100 messages processed").atMost(WAIT).until(() -> ref.get().seen().size() >= 100);
            assertThat(ref.get().seen()).containsExactlyElementsOf(texts);
            await("the queue emptied").atMost(WAIT).until(() -> store.pendingMessages(Instant.MAX, 10).isEmpty());
            assertThat(LooperActor.count("order", "started")).isEqualTo(1);
        }
    }

    @Test
    void loopWaitingForAMessage_holdsNoTurn_actionsRunInBetween() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            ActorRef<Looper> ref = looper(troupe, "between");
            await("the loop waits").atMost(WAIT).until(() -> LooperActor.count("between", "started") == 1);

            for (int i = 0; i < 5; i++) {
                ref.get().touch();
            }
            ref.enqueue(LooperActor.QUEUE, job("after"));
            ref.get().touch();

            assertThat(ref.get().touched()).isEqualTo(6);
            await().atMost(WAIT).until(() -> ref.get().seen().equals(List.of("after")));
            assertThat(ref.get().touched()).as("the loop's turn kept the actions' changes").isEqualTo(6);
        }
    }

    @Test
    void loopThatThrows_discardsTheTurn_leavesTheMessageQueued_andStartsAgain() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            ActorRef<Looper> ref = looper(troupe, "fails");
            ref.enqueue(LooperActor.QUEUE, Map.of("text", "poison-once", "fail", 1));
            ref.enqueue(LooperActor.QUEUE, job("next"));

            await("processed after the loop restarted").atMost(WAIT)
                    .until(() -> ref.get().seen().equals(List.of("poison-once", "next")));
            assertThat(LooperActor.count("fails", "started")).as("started again after the failure").isEqualTo(2);
            await().atMost(WAIT).until(() -> store.pendingMessages(Instant.MAX, 10).isEmpty());
            assertThat(store.deadLetters(10)).isEmpty();
        }
    }

    @Test
    void loop_stopsOnSleep_andStartsAgainOnWake_withTheMessagesLeft() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            ActorRef<Looper> ref = looper(troupe, "naps");
            ref.enqueue(LooperActor.QUEUE, job("before"));
            await().atMost(WAIT).until(() -> ref.get().seen().size() == 1);

            ref.get().nap();
            await("the loop stopped").atMost(WAIT).until(() -> LooperActor.count("naps", "stopped") == 1);
            assertThat(LooperActor.count("naps", "woken")).isEqualTo(1);

            ref.enqueue(LooperActor.QUEUE, job("wakes it"));
            await("processed by the loop of the new activation").atMost(WAIT)
                    .until(() -> ref.get().seen().equals(List.of("before", "wakes it")));
            assertThat(LooperActor.count("naps", "started")).isEqualTo(2);
        }
    }

    @Test
    void loop_stopsOnDestroy_andOnShutdown() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            ActorRef<Looper> gone = looper(troupe, "destroyed");
            looper(troupe, "shut");
            await().atMost(WAIT).until(() -> LooperActor.count("destroyed", "started") == 1
                    && LooperActor.count("shut", "started") == 1);

            gone.get().remove();
            await("stopped on destroy").atMost(WAIT).until(() -> LooperActor.count("destroyed", "stopped") == 1);
            assertThat(LooperActor.count("shut", "stopped")).isZero();
        }
        await("stopped on shutdown").atMost(WAIT).until(() -> LooperActor.count("shut", "stopped") == 1);
    }

    @Test
    void messageOfAQueueTheLoopDoesNotAskFor_waitsInTheStore() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            ActorRef<Looper> ref = looper(troupe, "other");
            ref.enqueue(LooperActor.OTHER, job("not asked for"));
            ref.get().touch();

            assertThat(ref.get().seen()).isEmpty();
            assertThat(store.pendingMessages(Instant.MAX, 10)).hasSize(1);
        }
    }

    @Test
    void refusedLoopCalls_failWithTheirCodes_andTheLoopGoesOn() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            ActorRef<Looper> ref = looper(troupe, "refusals");
            ref.enqueue(LooperActor.QUEUE, Map.of("text", "a", "ask", "undeclared"));
            ref.enqueue(LooperActor.QUEUE, Map.of("text", "b", "ask", "otherThread"));
            ref.enqueue(LooperActor.QUEUE, Map.of("text", "c", "ask", "negative"));

            await().atMost(WAIT).until(() -> ref.get().seen().equals(List.of("a", "b", "c")));
            assertThat(LooperActor.count("refusals", "refused:queue/not_found")).isEqualTo(1);
            assertThat(LooperActor.count("refusals", "refused:IllegalStateException")).isEqualTo(1);
            assertThat(LooperActor.count("refusals", "refused:IllegalArgumentException")).isEqualTo(1);
            assertThat(LooperActor.count("refusals", "started")).as("no refusal failed the loop").isEqualTo(1);
        }
    }
}
