package dev.troupe.testing.crash;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CounterWorker} in a child JVM, seen from the test: commands go to its stdin; its
 * {@code SENT}/{@code ACK}/{@code FAILED} lines feed a {@link CallLedger} and its replies
 * ({@code READY}, {@code SCHEDULED}, {@code INCREMENTED}, {@code STOPPED}, {@code DONE}) queue up for
 * {@link #request}. Lines outside the protocol are ignored. The worker's stderr, where its logging
 * goes, is kept in a log file that failure messages quote.
 *
 * <p>The child runs {@code java} from {@code java.home} on this JVM's class path, so the test-jar,
 * the store under test and its test classes (the {@link StoreFactory}) are all there. Closing the
 * handle ends the worker: gracefully by closing its stdin, forcibly if it does not exit promptly.
 */
public final class WorkerProcess implements AutoCloseable {
    /** The exit status of a process killed by SIGKILL (128 + 9). */
    public static final int SIGKILL_EXIT = 137;

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL = 4_000;
    /** Queued as the last reply when the worker's output ends, so that nobody waits for a dead worker. */
    private static final String END_OF_OUTPUT = "(end of output)";

    private final Process process;
    private final Path log;
    private final CallLedger ledger;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile @Nullable Throwable readerFailure;

    private WorkerProcess(Process process, Path log, CallLedger ledger) {
        this.process = process;
        this.log = log;
        this.ledger = ledger;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        this.reader = Thread.ofVirtual().name("worker-reader-" + process.pid()).start(this::read);
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                // A short-lived JVM: start fast and leave the CPUs to the tests running beside it.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName(), factory.getName(), storeArgument)
                .redirectError(log.toFile())
                .start();
        WorkerProcess worker = new WorkerProcess(process, log, ledger);
        try {
            worker.expectReply("READY");
        } catch (AssertionError e) {
            process.toHandle().destroyForcibly();
            throw e;
        }
        return worker;
    }

    /** Sends a command that prints nothing itself, such as {@code LOAD}. */
    public void send(String command) {
        try {
            commands.write(command);
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the worker no longer reads commands; its log:\n" + logTail(), e);
        }
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
                    .until(() -> condition.getAsBoolean() || !process.isAlive());
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
     * <p>The signal goes through the {@link ProcessHandle}: {@link Process#destroyForcibly()} sends the
     * same SIGKILL but also closes the worker's stdout at once, losing what is still in the pipe.
     *
     * @return its exit status, {@link #SIGKILL_EXIT} unless it had already exited
     */
    public int kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        return awaitExit();
    }

    /** The worker's log (its stderr) so far, at most the last few thousand characters. */
    public String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() <= LOG_TAIL ? text : "…" + text.substring(text.length() - LOG_TAIL);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Ends the worker: closes its stdin so that it exits, and kills it if it has not within a while. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                commands.close();
            } catch (IOException e) {
                // Its stdin is already gone; the forcible path below ends it.
            }
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
            }
        }
        awaitExit();
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the worker did not exit within " + EXIT_TIMEOUT);
        }
        if (!reader.join(EXIT_TIMEOUT)) {
            throw new AssertionError("the worker's output was not read to its end within " + EXIT_TIMEOUT);
        }
        Throwable failure = readerFailure;
        if (failure != null) {
            throw new AssertionError("reading the worker's output failed", failure);
        }
        return process.exitValue();
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

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException | RuntimeException e) {
            readerFailure = e;
        } finally {
            replies.add(END_OF_OUTPUT);
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
