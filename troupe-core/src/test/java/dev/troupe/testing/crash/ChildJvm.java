package dev.troupe.testing.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A test's child JVM that speaks a line protocol: commands go to its stdin, every line it prints on
 * stdout goes to the test's handler on a reader thread, and its stderr, where its logging goes, is
 * kept in a log file that failure messages quote. The crash tests' workers and the cluster tests'
 * nodes are such children; they differ only in their commands and what their lines mean.
 *
 * <p>The child runs {@code java} from {@code java.home} on this JVM's class path, so that everything
 * the test can load, the child can too. Closing the handle ends the child gracefully by closing its
 * stdin, forcibly if it does not exit within the exit timeout; {@link #kill()} sends SIGKILL.
 */
public final class ChildJvm implements AutoCloseable {
    /** The exit status of a process killed by SIGKILL (128 + 9). */
    public static final int SIGKILL_EXIT = 137;

    private static final int LOG_TAIL = 4_000;

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration exitTimeout;
    private final Writer commands;
    private final Thread reader;
    private volatile @Nullable Throwable readerFailure;

    private ChildJvm(String name, Process process, Path log, Duration exitTimeout, Consumer<String> lines,
                     Consumer<@Nullable Throwable> end) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.exitTimeout = exitTimeout;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        this.reader = Thread.ofVirtual().name("child-reader-" + name).start(() -> read(lines, end));
    }

    /**
     * Starts {@code mainClass} in a child JVM.
     *
     * @param name        names the child in messages and its reader thread
     * @param jvmOptions  options before the class path (heap, GC, compiler)
     * @param log         where the child's stderr goes
     * @param exitTimeout how long an exit may take before the child is killed or the test fails
     * @param lines       receives every line of the child's stdout, in order, on the reader thread
     * @param end         called once after the last line, with the failure if reading the output failed
     */
    public static ChildJvm start(String name, List<String> jvmOptions, Class<?> mainClass, List<String> arguments,
                                 Path log, Duration exitTimeout, Consumer<String> lines,
                                 Consumer<@Nullable Throwable> end) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildJvm(name, process, log, exitTimeout, lines, end);
    }

    /** Sends a command line to the child. */
    public void send(String command) {
        try {
            commands.write(command);
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " no longer reads commands; its log:\n" + logTail(), e);
        }
    }

    /** Whether the child is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the child with SIGKILL, waits for it to end and for every line it printed to be read.
     *
     * <p>The signal goes through the {@link ProcessHandle}: {@link Process#destroyForcibly()} sends the
     * same SIGKILL but also closes the child's stdout at once, losing what is still in the pipe.
     *
     * @return its exit status, {@link #SIGKILL_EXIT} unless it had already exited
     */
    public int kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        return awaitExit();
    }

    /** Kills the child without waiting for it: for a child that failed to start. */
    public void abandon() {
        process.toHandle().destroyForcibly();
    }

    /** The child's log (its stderr) so far, at most the last few thousand characters. */
    public String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() <= LOG_TAIL ? text : "…" + text.substring(text.length() - LOG_TAIL);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Ends the child: closes its stdin so that it exits, and kills it if it has not within the exit timeout. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                commands.close();
            } catch (IOException e) {
                process.toHandle().destroyForcibly();
            }
            if (!process.waitFor(exitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
            }
        }
        awaitExit();
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(exitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + exitTimeout);
        }
        if (!reader.join(exitTimeout)) {
            throw new AssertionError("the output of " + name + " was not read to its end within " + exitTimeout);
        }
        Throwable failure = readerFailure;
        if (failure != null) {
            throw new AssertionError("reading the output of " + name + " failed", failure);
        }
        return process.exitValue();
    }

    private void read(Consumer<String> lines, Consumer<@Nullable Throwable> end) {
        Throwable failure = null;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            readerFailure = e;
        } finally {
            end.accept(failure);
        }
    }
}
