package dev.troupe.testing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The SIGKILL cycles that the counter crash tests share: start a worker on the store, load its counters
 * from many virtual threads until a number of increments more has been acknowledged, kill it with
 * SIGKILL mid-load, then check the store; the next cycle continues on the same store.
 *
 * @param worker   the worker's main class (a {@link CounterWorker} variant)
 * @param factory  the store factory, in the worker JVM and in the test's
 * @param argument the argument that opens the store under test
 * @param cycles   how many kills
 * @param acks     how many more acknowledged increments each cycle waits for
 * @param threads  how many load threads the worker runs
 * @param keys     the counters' keys
 */
record KillCycles(Class<?> worker, Class<? extends StoreFactory> factory, String argument, int cycles, int acks,
                  int threads, List<String> keys) {
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    /** What a test checks after each kill. */
    @FunctionalInterface
    interface Check {
        void after(int cycle, CallLedger ledger) throws Exception;
    }

    /** Runs the cycles, logging each worker under {@code logs}, and {@code check} after each kill. */
    void run(Path logs, Check check) throws Exception {
        CallLedger ledger = new CallLedger();
        for (int cycle = 0; cycle < cycles; cycle++) {
            try (WorkerProcess process = WorkerProcess.start(worker, factory, argument,
                    logs.resolve("worker-" + cycle + ".log"), ledger)) {
                long target = ledger.totalAcks() + acks;
                process.send("LOAD " + threads + " " + String.join(" ", keys));
                process.awaitUntil(acks + " more acknowledged increments in cycle " + cycle,
                        () -> ledger.totalAcks() >= target, LOAD_TIMEOUT);
                assertThat(process.kill()).as("exit status of the worker killed in cycle %d", cycle)
                        .isEqualTo(WorkerProcess.SIGKILL_EXIT);
            }
            check.after(cycle, ledger);
        }
    }
}
