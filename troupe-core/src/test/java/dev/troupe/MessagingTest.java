package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.store.DeadLetter;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.Store;
import dev.troupe.testing.FaultyStore;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.RecorderActor;
import dev.troupe.testing.Sender;
import dev.troupe.testing.SenderActor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One-way messages and deferred replies, through the public API on {@link MemoryStore}. */
class MessagingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Troupe troupe(Store store) {
        return Troupe.builder().store(store).register(SenderActor.class).register(RecorderActor.class)
                .schedulePollInterval(Duration.ofMillis(50)).build();
    }

    private static Recorder recorder(Troupe troupe, String key) {
        Recorder recorder = troupe.actor(Recorder.class, Key.of(key));
        recorder.total();
        return recorder;
    }

    @Test
    void send_fromTurns_isProcessedOnceEach_inOrder() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            Recorder recorder = recorder(troupe, "r");
            Sender sender = troupe.actor(Sender.class, Key.of("s"));
            for (int turn = 0; turn < 20; turn++) {
                sender.sendNext("r", 10);
            }

            await("200 messages at r").atMost(WAIT).until(() -> recorder.total() == 200);
            assertThat(recorder.last("s")).isEqualTo(200);
            assertThat(recorder.outOfOrder()).isZero();
        }
    }

    @Test
    void send_fromManySenders_keepsEachPairsOrder() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            Recorder recorder = recorder(troupe, "shared");
            List<Sender> senders = List.of("a", "b", "c", "d").stream()
                    .map(key -> troupe.actor(Sender.class, Key.of(key))).toList();
            List<CompletableFuture<Void>> load = senders.stream().map(sender -> CompletableFuture.runAsync(() -> {
                for (int turn = 0; turn < 25; turn++) {
                    sender.sendNext("shared", 4);
                }
            })).toList();
            load.forEach(CompletableFuture::join);

            await("400 messages at shared").atMost(WAIT).until(() -> recorder.total() == 400);
            assertThat(List.of("a", "b", "c", "d")).allSatisfy(key -> assertThat(recorder.last(key)).isEqualTo(100));
            assertThat(recorder.outOfOrder()).isZero();
        }
    }

    @Test
    void turnThatThrows_sendsNothing() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "r");
            Sender sender = troupe.actor(Sender.class, Key.of("s"));
            assertThatThrownBy(() -> sender.sendThenFail("r")).isInstanceOf(TroupeException.class);
            sender.sendNext("r", 1);

            await().atMost(WAIT).until(() -> recorder.total() == 1);
            assertThat(recorder.last("s")).as("the failed turn's message never existed").isEqualTo(1);
            assertThat(store.pendingMessages(Instant.MAX, 10)).isEmpty();
        }
    }

    @Test
    void receiverCommitFailing_redeliversInOrder_andProcessesOnce() {
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "r");
            Recorder oneWay = troupe.ref(Recorder.class, Key.of("r")).send();
            store.failNextCommits(1);
            for (long n = 1; n <= 10; n++) {
                oneWay.record("outside", n);
            }

            await("10 messages after the receiver's failed commit").atMost(WAIT).until(() -> recorder.total() >= 10
                    && store.pendingMessages(Instant.MAX, 10).isEmpty());
            assertThat(recorder.total()).isEqualTo(10);
            assertThat(recorder.last("outside")).isEqualTo(10);
            assertThat(recorder.outOfOrder()).isZero();
        }
    }

    @Test
    void messagesLeftInTheOutbox_byACrashedProcess_areDeliveredInOrder() {
        MemoryStore store = new MemoryStore();
        store.enqueue(List.of(3, 1, 2).stream().map(n -> new OutboxMessage("m" + n, "crashed", "in-process",
                "test-recorder", Key.of("r"), n, "record", "[\"crashed\"," + n + "]", Instant.EPOCH)).toList());
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "r");

            await("the relay's pass delivers what the crashed process sent").atMost(WAIT)
                    .until(() -> recorder.total() == 3);
            assertThat(recorder.last("crashed")).isEqualTo(3);
            assertThat(recorder.outOfOrder()).isZero();
            await().atMost(WAIT).until(() -> store.pendingMessages(Instant.MAX, 10).isEmpty());
        }
    }

    @Test
    void sendToMissingActor_becomesDeadLetter_andLaterMessagesStillArrive() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Sender sender = troupe.actor(Sender.class, Key.of("s"));
            sender.sendNext("nobody", 2);

            await("two dead letters").atMost(WAIT).until(() -> store.deadLetters(10).size() == 2);
            DeadLetter first = store.deadLetters(10).getFirst();
            assertThat(first.error()).startsWith("actor/not_found");
            assertThat(first.message().receiverKey()).isEqualTo(Key.of("nobody"));
            assertThat(first.message().seq()).isEqualTo(1);
            assertThat(store.pendingMessages(Instant.MAX, 10)).isEmpty();

            Recorder recorder = recorder(troupe, "nobody");
            sender.sendNext("nobody", 1);
            await().atMost(WAIT).until(() -> recorder.total() == 1);
            assertThat(recorder.last("s")).isEqualTo(3);
        }
    }

    @Test
    void receiverThrowing_keepsTheMessageAsDeadLetter_andGoesOn() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "r");
            troupe.actor(Sender.class, Key.of("s")).sendRefusedThenNext("r");

            await().atMost(WAIT).until(() -> recorder.total() == 1);
            assertThat(store.deadLetters(10)).singleElement().satisfies(dead -> {
                assertThat(dead.message().action()).isEqualTo("refuse");
                assertThat(dead.error()).startsWith("actor/internal_error");
            });
            assertThat(recorder.outOfOrder()).isZero();
        }
    }

    @Test
    void oversizedMessage_failsTheSendingTurn_withMessageTooLarge() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            recorder(troupe, "r");
            Sender sender = troupe.actor(Sender.class, Key.of("s"));

            assertThatThrownBy(() -> sender.sendLarge("r", 1 << 20))
                    .isInstanceOfSatisfying(TroupeException.class,
                            e -> assertThat(e.error().qualifiedCode()).isEqualTo("message/too_large"));
            sender.sendLarge("r", 1000);
            await().atMost(WAIT).until(() -> store.deadLetters(10).size() == 1);
            assertThat(store.deadLetters(10).getFirst().message().args()).hasSize(1000 + "[\"\"]".length());
        }
    }

    @Test
    void inProcessSend_isDurableWhenItReturns_andProcessedInOrder() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            Recorder recorder = recorder(troupe, "r");
            Recorder oneWay = troupe.ref(Recorder.class, Key.of("r")).send();
            for (long n = 1; n <= 50; n++) {
                oneWay.record("outside", n);
            }

            await().atMost(WAIT).until(() -> recorder.total() == 50);
            assertThat(recorder.last("outside")).isEqualTo(50);
            assertThat(recorder.outOfOrder()).isZero();
        }
    }

    @Test
    void inProcessSend_checksAccess() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            Recorder oneWay = troupe.ref(Recorder.class, Key.of("r")).as(Caller.client("guest"))
                    .send();
            assertThatThrownBy(() -> oneWay.record("guest", 1)).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.error().qualifiedCode()).isEqualTo("auth/forbidden"));
        }
    }

    @Test
    void deferredReply_completesTheCaller_whenALaterTurnAnswers() {
        try (Troupe troupe = troupe(new MemoryStore())) {
            Recorder recorder = recorder(troupe, "oracle");
            CompletableFuture<String> asked = CompletableFuture.supplyAsync(() -> recorder.ask("meaning?"));
            await("the question is open").atMost(WAIT).until(() -> recorder.answer("42"));

            assertThat(asked.join()).isEqualTo("42");
            assertThat(recorder.answer("again")).as("no question left").isFalse();
        }
    }

    @Test
    void deferredReply_timesOut_andALateAnswerIsDropped() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(RecorderActor.class)
                .callTimeout(Duration.ofMillis(200)).build()) {
            Recorder recorder = troupe.actor(Recorder.class, Key.of("slow"));

            assertThatThrownBy(() -> recorder.ask("anyone?")).isInstanceOfSatisfying(TroupeException.class,
                    e -> assertThat(e.error().qualifiedCode()).isEqualTo("actor/timeout"));
            await().atMost(WAIT).until(() -> !recorder.answer("too late"));
        }
    }

    @Test
    void deferReply_inAOneWayMessage_failsThatTurn() {
        MemoryStore store = new MemoryStore();
        try (Troupe troupe = troupe(store)) {
            recorder(troupe, "r");
            troupe.ref(Recorder.class, Key.of("r")).send().ask("nobody waits for this");

            await().atMost(WAIT).until(() -> store.deadLetters(10).size() == 1);
            assertThat(store.deadLetters(10).getFirst().message().action()).isEqualTo("ask");
        }
    }
}
