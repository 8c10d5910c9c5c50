package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.ActorContract;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.Store;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost when the process dies, on any durable store: subclass it, naming the
 * {@link StoreFactory} and the argument that open the store under test (the same store every time).
 *
 * <p>Several cycles run on that one store. Each starts a {@link CounterWorker} in a child JVM and loads
 * it with increments spread over many counters from many virtual threads; once a fixed number of
 * further increments has been acknowledged, it sets a durable schedule and, as soon as that is
 * acknowledged, kills the worker with SIGKILL, mid-load. A fresh runtime on the same store must then
 * find, for every counter, {@code acked <= persisted <= sent}: every acknowledged increment survived
 * and nothing was invented. The schedule must still be pending, since its delay outlasts the worker,
 * and must fire in the fresh runtime.
 */
public abstract class AbstractCrashRecoveryTest {
    private static final int CYCLES = 3;
    private static final int ACKS_PER_CYCLE = 1_500;
    private static final int KEYS = 20;
    private static final int THREADS = 32;
    private static final long SCHEDULE_DELAY_MILLIS = 2_000;
    private static final long SCHEDULED_AMOUNT = 1_000_000;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SCHEDULE_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path logs;

    /** The factory that opens the store under test, in the worker JVM and in this one. */
    protected abstract Class<? extends StoreFactory> storeFactory();

    /** The argument that opens the store under test; the same store on every call within a test. */
    protected abstract String storeArgument();

    @Test
    void killedMidLoad_losesNoAcknowledgedIncrement_andSchedulesFireAfterRestart() throws Exception {
        CallLedger ledger = new CallLedger();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            String scheduled = "sched-" + cycle;
            loadAndKill(cycle, scheduled, ledger);
            recoverAndCheck(cycle, scheduled, ledger);
        }
    }

    private void loadAndKill(int cycle, String scheduled, CallLedger ledger) throws Exception {
        Path log = logs.resolve("worker-" + cycle + ".log");
        try (WorkerProcess worker = WorkerProcess.start(storeFactory(), storeArgument(), log, ledger)) {
            long target = ledger.totalAcks() + ACKS_PER_CYCLE;
            worker.send("LOAD " + THREADS + " " + String.join(" ", keys()));
            worker.awaitUntil(ACKS_PER_CYCLE + " more acknowledged increments in cycle " + cycle,
                    () -> ledger.totalAcks() >= target, LOAD_TIMEOUT);
            worker.request("SCHEDULE " + scheduled + " " + SCHEDULE_DELAY_MILLIS + " " + SCHEDULED_AMOUNT,
                    "SCHEDULED " + scheduled);
            assertThat(worker.kill()).as("exit status of the worker killed in cycle %d", cycle)
                    .isEqualTo(WorkerProcess.SIGKILL_EXIT);
        }
    }

    private void recoverAndCheck(int cycle, String scheduled, CallLedger ledger) {
        try (Store store = openStore()) {
            assertThat(pendingSchedules(store, scheduled))
                    .as("cycle %d: the schedule set before the kill is still pending", cycle).isEqualTo(1);
        }
        try (Troupe troupe = Troupe.builder().store(openStore()).register(CounterActor.class)
                .schedulePollInterval(Duration.ofMillis(100)).build()) {
            for (String key : keys()) {
                long persisted = troupe.actor(Counter.class, Key.of(key)).count();
                assertThat(persisted).as("cycle %d, %s: acked <= persisted", cycle, key)
                        .isGreaterThanOrEqualTo(ledger.maxAck(key));
                assertThat(persisted).as("cycle %d, %s: persisted <= sent", cycle, key)
                        .isLessThanOrEqualTo(ledger.sent(key));
            }
            Counter counter = troupe.actor(Counter.class, Key.of(scheduled));
            await("the schedule of cycle " + cycle + " firing after the restart").atMost(SCHEDULE_TIMEOUT)
                    .until(() -> counter.count() == SCHEDULED_AMOUNT);
        }
    }

    private Store openStore() {
        return StoreFactory.open(storeFactory().getName(), storeArgument());
    }

    private static long pendingSchedules(Store store, String key) {
        String type = Counter.class.getAnnotation(ActorContract.class).value();
        return store.dueSchedules(Instant.now().plus(Duration.ofDays(1)), 1_000).stream()
                .filter(due -> due.type().equals(type) && due.key().equals(Key.of(key)))
                .count();
    }

    private static List<String> keys() {
        return IntStream.range(0, KEYS).mapToObj(k -> "k" + k).toList();
    }
}
