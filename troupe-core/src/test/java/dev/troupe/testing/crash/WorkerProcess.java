package dev.troupe.testing.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@link CounterWorker} in a child JVM, seen from the test: commands go to its stdin; its
 * {@code SENT}/{@code ACK}/{@code FAILED} lines feed a {@link CallLedger} and its replies
 * ({@code READY}, {@code SCHEDULED}, {@code INCREMENTED}, {@code STOPPED}, {@code DONE}) queue up for
 * {@link #request}. Lines outside the protocol are ignored. The worker's stderr, where its logging
 * goes, is kept in a log file that failure messages quote.
 *
 * <p>The worker is a {@link ChildJvm} on this JVM's class path, so the test-jar, the store under test
 * and its test classes (the {@link StoreFactory}) are all there. Closing the handle ends the worker:
 * gracefully by closing its stdin, forcibly if it does not exit promptly.
 */
public final class WorkerProcess implements AutoCloseable {
    /** The exit status of a process killed by SIGKILL (128 + 9). */
    public static final int SIGKILL_EXIT = ChildJvm.SIGKILL_EXIT;

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    /** Queued as the last reply when the worker's output ends, so that nobody waits for a dead worker. */
    private static final String END_OF_OUTPUT = "(end of output)";

    private final CallLedger ledger;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final ChildJvm child;

    private WorkerProcess(Class<?> mainClass, Class<? extends StoreFactory> factory, String storeArgument, Path log,
                          CallLedger ledger) throws IOException {
        this.ledger = ledger;
        this.child = ChildJvm.start("the worker", List.of(
                        // A short-lived JVM: start fast and leave the CPUs to the tests running beside it.
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                mainClass, List.of(factory.getName(), storeArgument), log, EXIT_TIMEOUT,
                this::dispatch, failure -> replies.add(END_OF_OUTPUT));
    }

    /**
     * Starts a worker on the store that {@code factory} opens from {@code storeArgument} and waits
     * until it is {@code READY}.
     *
     * @param log    where the worker's stderr goes
     * @param ledger where its calls are recorded; share one across workers to tally several runs
     */
    public static WorkerProcess start(Class<? extends StoreFactory> factory, String storeArgument, Path log,
                                      CallLedger ledger) throws IOException {
        return start(CounterWorker.class, factory, storeArgument, log, ledger);
    }

    /**
     * Starts another worker, {@code mainClass}, that speaks the same line protocol, on the store that
     * {@code factory} opens from {@code storeArgument}, and waits until it is {@code READY}. Besides the
     * replies of a {@link CounterWorker}, such a worker may answer {@code DONE} to its own commands.
     *
     * @param mainClass a class with a {@code main(String[])} taking the factory's name and the argument
     */
    public static WorkerProcess start(Class<?> mainClass, Class<? extends StoreFactory> factory, String storeArgument,
                                      Path log, CallLedger ledger) throws IOException {
        WorkerProcess worker = new WorkerProcess(mainClass, factory, storeArgument, log, ledger);
        try {
            worker.expectReply("READY");
        } catch (AssertionError e) {
            worker.child.abandon();
            throw e;
        }
        return worker;
    }

    /** Sends a command that prints nothing itself, such as {@code LOAD}. */
    public void send(String command) {
        child.send(command);
    }

    /** Sends a command and waits for its reply, which must be {@code expectedReply}. */
    public void request(String command, String expectedReply) {
        send(command);
        expectReply(expectedReply);
    }

    /**
     * Waits until {@code condition} holds, failing early if the worker dies and, after {@code timeout},
     * with the worker's log in the message.
     */
    public void awaitUntil(String description, BooleanSupplier condition, Duration timeout) {
        try {
            await(description).atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> condition.getAsBoolean() || !child.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting until " + description + "; the worker's log:\n" + logTail(), e);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("the worker exited before " + description + "; its log:\n" + logTail());
        }
    }

    /**
     * Kills the worker with SIGKILL, waits for it to end and for every line it printed to be read.
     *
     * @return its exit status, {@link #SIGKILL_EXIT} unless it had already exited
     */
    public int kill() throws InterruptedException {
        return child.kill();
    }

    /** The worker's log (its stderr) so far, at most the last few thousand characters. */
    public String logTail() {
        return child.logTail();
    }

    /** Ends the worker: closes its stdin so that it exits, and kills it if it has not within a while. */
    @Override
    public void close() throws InterruptedException {
        child.close();
    }

    private void expectReply(String expected) {
        String reply;
        try {
            reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + expected, e);
        }
        if (!expected.equals(reply)) {
            throw new AssertionError("expected the worker to reply " + expected + " but got "
                    + (reply == null ? "nothing within " + REPLY_TIMEOUT : reply) + "; its log:\n" + logTail());
        }
    }

    private void dispatch(String line) {
        List<String> words = List.of(line.split(" "));
        switch (words.getFirst()) {
            case "SENT" -> ledger.recordSent(words.get(1));
            case "ACK" -> ledger.recordOutcome(words.get(1), CallLedger.Outcome.ack(Long.parseLong(words.get(2))));
            case "FAILED" -> ledger.recordOutcome(words.get(1), CallLedger.Outcome.failure(words.get(2)));
            case "READY", "SCHEDULED", "INCREMENTED", "STOPPED", "DONE" -> replies.add(line);
            default -> {
                // Not the protocol: something else the JVM printed.
            }
        }
    }
}
