package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.FaultyStore;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.Sender;
import dev.troupe.testing.SenderActor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Durable queues and their handler, through the public API on {@link MemoryStore}. */
class QueueTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Troupe troupe(dev.troupe.store.Store store) {
        return Troupe.builder().store(store).register(SenderActor.class)
                .register(RecorderActor.class, RecorderActor::options)
                .schedulePollInterval(Duration.ofMillis(50)).build();
    }

    private static Recorder recorder(Troupe troupe, String key) {
        Recorder recorder = troupe.actor(Recorder.class, Key.of(key));
        recorder.total();
        return recorder;
    }

    private static Map<String, Object> job(String from, long n) {
        return Map.of("from", from, "n", n);
    }

    @Test
    void enqueue_fromTurns_isProcessedOnceEach_inOrder() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "q-turns");
            Sender sender = troupe.actor(Sender.class, Key.of("s"));
            for (int turn = 0; turn < 20; turn++) {
                sender.enqueueNext("q-turns", 10);
            }

            await("200 queue messages").atMost(WAIT).until(() -> recorder.total() == 200);
            assertThat(recorder.last("s")).isEqualTo(200);
            assertThat(recorder.outOfOrder()).isZero();
            await().atMost(WAIT).until(() -> store.pendingMessages(Instant.MAX, 10).isEmpty());
        }
    }

    @Test
    void inProcessEnqueue_whoseWriteFails_isRefusedWithUnavailable_andLaterEnqueuesArriveInOrder() {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = troupe(store)) {
            recorder(troupe, "q-fails");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-fails"));
            store.failNextEnqueues(1);
            assertThatThrownBy(() -> ref.enqueue(RecorderActor.QUEUE, job("outside", 1)))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.UNAVAILABLE)).isTrue());

            for (long n = 1; n <= 5; n++) {
                ref.enqueue(RecorderActor.QUEUE, job("outside", n));
            }

            Recorder recorder = ref.get();
            await("the 5 messages after the failed write, none held up behind it").atMost(WAIT)
                    .until(() -> recorder.total() == 5 && store.pendingMessages(Instant.MAX, 10).isEmpty());
            assertThat(recorder.last("outside")).isEqualTo(5);
            assertThat(recorder.outOfOrder()).isZero();
        }
    }

    @Test
    void concurrentInProcessEnqueues_shareStoreWrites_andAllArriveInOrder() throws Exception {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = troupe(store)) {
            int callers = 50;
            for (int i = 0; i < callers; i++) {
                recorder(troupe, "q-many-" + i);
            }
            List<Thread> threads = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < callers; i++) {
                ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-many-" + i));
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    for (long n = 1; n <= 20; n++) {
                        ref.enqueue(RecorderActor.QUEUE, job("many", n));
                    }
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }

            assertThat(store.enqueuedMessages()).isEqualTo(callers * 20);
            assertThat(store.enqueueWrites()).as("1,000 enqueues in fewer store writes").isLessThan(callers * 20);
            for (int i = 0; i < callers; i++) {
                Recorder recorder = troupe.actor(Recorder.class, Key.of("q-many-" + i));
                await().atMost(WAIT).until(() -> recorder.total() == 20);
                assertThat(recorder.outOfOrder()).isZero();
            }
        }
    }

    @Test
    void turnThatThrows_enqueuesNothing() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "q-throws");
            Sender sender = troupe.actor(Sender.class, Key.of("s"));
            assertThatThrownBy(() -> sender.enqueueThenFail("q-throws")).isInstanceOf(TroupeException.class);
            sender.enqueueNext("q-throws", 1);

            await().atMost(WAIT).until(() -> recorder.total() == 1);
            assertThat(recorder.last("s")).as("the failed turn's message never existed").isEqualTo(1);
            assertThat(recorder.outOfOrder()).isZero();
        }
    }

    @Test
    void enqueueFromATurn_toAnActorThatDoesNotExist_becomesADeadLetter() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            troupe.actor(Sender.class, Key.of("s")).enqueueNext("q-nobody", 1);

            await("a dead letter").atMost(WAIT).until(() -> store.deadLetters(10).size() == 1);
            assertThat(store.deadLetters(10).getFirst().error()).startsWith("actor/not_found");
            assertThat(store.pendingMessages(Instant.MAX, 10)).isEmpty();
        }
    }

    @Test
    void enqueueFromATurn_toAnUndeclaredQueue_failsTheTurn() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(SenderActor.class)
                .register(RecorderActor.class).build()) {
            Recorder recorder = recorder(troupe, "q-undeclared");
            Sender sender = troupe.actor(Sender.class, Key.of("s"));

            assertThatThrownBy(() -> sender.enqueueNext("q-undeclared", 1)).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.error().qualifiedCode()).isEqualTo("queue/not_found"));
            assertThat(sender.sent()).as("the turn failed and changed nothing").isZero();
            assertThat(recorder.total()).isZero();
        }
    }

    @Test
    void enqueue_inProcess_fromManyThreads_keepsEachSendersOrder() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            Recorder recorder = recorder(troupe, "q-threads");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-threads"));
            List<CompletableFuture<Void>> load = List.of("a", "b", "c").stream().map(from ->
                    CompletableFuture.runAsync(() -> {
                        for (long n = 1; n <= 50; n++) {
                            ref.enqueue(RecorderActor.QUEUE, job(from, n));
                        }
                    })).toList();
            load.forEach(CompletableFuture::join);

            await("150 queue messages").atMost(WAIT).until(() -> recorder.total() == 150);
            assertThat(List.of("a", "b", "c")).allSatisfy(from -> assertThat(recorder.last(from)).isEqualTo(50));
            assertThat(recorder.outOfOrder()).as("one in-process sender: the runtime's order is kept").isZero();
        }
    }

    @Test
    void handlerFailure_leavesTheMessageQueued_andTheStateUntouched_thenRedelivers() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "q-fail");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-fail"));
            ref.enqueue(RecorderActor.QUEUE, Map.of("from", "x", "n", 1, "failures", 3));
            ref.enqueue(RecorderActor.QUEUE, job("x", 2));

            await("both messages processed after three failures").atMost(WAIT).until(() -> recorder.total() == 2);
            assertThat(RecorderActor.attempts("q-fail", "x", 1)).as("three failed attempts, then one that committed")
                    .isEqualTo(4);
            assertThat(recorder.last("x")).isEqualTo(2);
            assertThat(recorder.outOfOrder()).as("the failed attempts' state changes were discarded, and the "
                    + "message behind the failing one waited for it").isZero();
            await().atMost(WAIT).until(() -> store.pendingMessages(Instant.MAX, 10).isEmpty());
            assertThat(store.deadLetters(10)).isEmpty();
        }
    }

    @Test
    void poisonMessage_becomesADeadLetter_afterItsAttempts_andTheQueueGoesOn() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "q-poison");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-poison"));
            ref.enqueue(RecorderActor.QUEUE, Map.of("from", "p", "n", 1, "failures", 1_000));
            ref.enqueue(RecorderActor.QUEUE, job("p", 2));

            await("the next message processed").atMost(WAIT).until(() -> recorder.total() == 1);
            assertThat(recorder.last("p")).isEqualTo(2);
            assertThat(RecorderActor.attempts("q-poison", "p", 1)).isEqualTo(10);
            assertThat(store.deadLetters(10)).singleElement()
                    .satisfies(dead -> assertThat(dead.error()).startsWith("actor/internal_error"));
        }
    }

    @Test
    void unknownQueue_isQueueNotFound_andNothingIsEnqueued() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            recorder(troupe, "q-unknown");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-unknown"));

            assertThatThrownBy(() -> ref.enqueue("nope", job("u", 1))).isInstanceOfSatisfying(TroupeException.class,
                    e -> {
                        assertThat(e.error().qualifiedCode()).isEqualTo("queue/not_found");
                        assertThat(e.error().metadata()).containsEntry("queue", "nope");
                    });
            assertThat(store.pendingMessages(Instant.MAX, 10)).isEmpty();
        }
    }

    @Test
    void oversizedMessage_isMessageTooLarge() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            recorder(troupe, "q-large");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-large"));

            assertThatThrownBy(() -> ref.enqueue(RecorderActor.QUEUE, "x".repeat(1 << 20)))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.error().qualifiedCode()).isEqualTo("message/too_large"));
        }
    }

    @Test
    void enqueueToADestroyedActor_isNotFound() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            recorder(troupe, "q-gone");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-gone"));
            ref.destroy();

            assertThatThrownBy(() -> ref.enqueue(RecorderActor.QUEUE, job("g", 1)))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.error().qualifiedCode()).isEqualTo("actor/not_found"));
            assertThat(store.pendingMessages(Instant.MAX, 10)).isEmpty();
        }
    }

    @Test
    void clientCaller_withoutARule_isForbidden() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            recorder(troupe, "q-client");
            ActorRef<Recorder> ref = troupe.ref(Recorder.class, Key.of("q-client")).as(Caller.client("someone"));

            assertThatThrownBy(() -> ref.enqueue(RecorderActor.QUEUE, job("c", 1)))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.error().qualifiedCode()).isEqualTo("auth/forbidden"));
        }
    }

    @Test
    void badQueueName_failsRegistration() {
        assertThatThrownBy(() -> Troupe.builder().store(new MemoryStore())
                .register(RecorderActor.class, options -> options.queues("Bad Name")).build())
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.error().qualifiedCode()).isEqualTo("config/invalid_registration"));
    }
}
