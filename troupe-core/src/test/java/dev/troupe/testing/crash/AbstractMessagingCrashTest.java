package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.Store;
import dev.troupe.testing.LoopRecorderActor;
import dev.troupe.testing.Recorder;
import dev.troupe.testing.Sender;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-way messages survive SIGKILL of the process that sends and receives them, on any durable store:
 * subclass it, naming the {@link StoreFactory} and the argument that open the store under test.
 *
 * <p>Each cycle starts a {@link MessagingWorker} in a child JVM, whose senders send numbered messages
 * to their recorders from many threads, and kills it with SIGKILL once a number of further sends has
 * been acknowledged: mid-load, with messages in the outbox, in mailboxes and in commits. A fresh
 * runtime on the same store must then deliver the rest, and for every pair the recorder ends with
 * exactly the numbers its sender durably sent: the last it recorded equals the sender's count, it
 * recorded as many messages as were sent (none lost, none twice), and no message came out of order.
 * Every acknowledged send is among the durable ones. With {@link #viaQueue} the same holds for
 * messages enqueued to the recorders' queue and consumed by their queue handler.
 */
public abstract class AbstractMessagingCrashTest {
    private static final int CYCLES = 2;
    private static final int PAIRS = 20;
    private static final int THREADS = 16;
    private static final int BATCH = 5;
    private static final int ACKS_PER_CYCLE = 400;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path logs;

    /** The factory that opens the store under test, in the worker JVM and in this one. */
    protected abstract Class<? extends StoreFactory> storeFactory();

    /** The argument that opens the store under test; the same store on every call within a test. */
    protected abstract String storeArgument();

    /**
     * Whether the senders enqueue to the recorders' queue instead of sending one-way messages: the
     * queue subclasses (docs/queues.md) answer true.
     */
    protected boolean viaQueue() {
        return false;
    }

    /**
     * Whether the recorders consume their queue with a run loop ({@link LoopRecorderActor}) instead of a
     * queue handler; implies {@link #viaQueue}. The run loop subclasses answer true.
     */
    protected boolean viaLoop() {
        return false;
    }

    @Test
    void killedWhileExchangingMessages_losesNone_duplicatesNone_andKeepsEachPairsOrder() throws Exception {
        CallLedger ledger = new CallLedger();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            loadAndKill(cycle, ledger);
            recoverAndCheck(cycle, ledger);
        }
    }

    private void loadAndKill(int cycle, CallLedger ledger) throws Exception {
        Path log = logs.resolve("worker-" + cycle + ".log");
        try (WorkerProcess worker = WorkerProcess.start(
                viaLoop() ? MessagingWorker.Looping.class : MessagingWorker.class, storeFactory(), storeArgument(), log,
                ledger)) {
            worker.request("SETUP " + PAIRS, "DONE");
            long target = ledger.totalAcks() + ACKS_PER_CYCLE;
            worker.send("LOAD " + PAIRS + " " + THREADS + " " + BATCH + (viaQueue() || viaLoop() ? " enqueue" : " send"));
            worker.awaitUntil(ACKS_PER_CYCLE + " more acknowledged sends in cycle " + cycle,
                    () -> ledger.totalAcks() >= target, LOAD_TIMEOUT);
            assertThat(worker.kill()).as("exit status of the worker killed in cycle %d", cycle)
                    .isEqualTo(WorkerProcess.SIGKILL_EXIT);
        }
    }

    private void recoverAndCheck(int cycle, CallLedger ledger) {
        try (Troupe troupe = MessagingWorker.register(Troupe.builder().store(openStore()), viaLoop()).build()) {
            for (int p = 0; p < PAIRS; p++) {
                String sender = "s" + p;
                long sent = troupe.actor(Sender.class, Key.of(sender)).sent();
                Recorder recorder = troupe.actor(Recorder.class, Key.of("r" + p));
                assertThat(sent).as("cycle %d, %s: every acknowledged send is durable", cycle, sender)
                        .isGreaterThanOrEqualTo(ledger.maxAck(sender));
                await("cycle " + cycle + ": every message of " + sender + " delivered after the restart")
                        .atMost(DELIVERY_TIMEOUT).until(() -> recorder.last(sender) >= sent);
                assertThat(recorder.last(sender)).as("cycle %d, %s: nothing beyond what was sent", cycle, sender)
                        .isEqualTo(sent);
                assertThat(recorder.total()).as("cycle %d, %s: each message processed once", cycle, sender)
                        .isEqualTo(sent);
                assertThat(recorder.outOfOrder()).as("cycle %d, %s: in order", cycle, sender).isZero();
            }
        }
    }

    private Store openStore() {
        return StoreFactory.open(storeFactory().getName(), storeArgument());
    }
}
