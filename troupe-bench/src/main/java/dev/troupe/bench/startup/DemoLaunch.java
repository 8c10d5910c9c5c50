package dev.troupe.bench.startup;

import dev.troupe.bench.http.RawHttpConnection;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ./troupe demo} process, launched as a user launches it (the launcher script, so its build
 * check and its choice of JVM options are part of what is timed), on a free port of 127.0.0.1 and a
 * data directory of the caller's. Not thread-safe; {@link #close()} stops the process with SIGTERM, as
 * Ctrl-C does.
 */
final class DemoLaunch implements AutoCloseable {
    private static final String FIRST_ACTION = "/v1/actors/counter/actions/increment?key=startup&key=probe";
    private static final Duration POLL = Duration.ofMillis(2);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final Process process;
    private final long launchedNanos;
    private final InetSocketAddress address;
    private final Path log;

    private DemoLaunch(Process process, long launchedNanos, InetSocketAddress address, Path log) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.address = address;
        this.log = log;
    }

    /**
     * Launches {@code launcher demo} on {@code data} with {@code environment} added to this process's,
     * its output appended to {@code log}.
     */
    static DemoLaunch start(Path launcher, Path data, Map<String, String> environment, Path log) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", freePort());
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "demo", "--host", "127.0.0.1",
                "--port", Integer.toString(address.getPort()), "--data", data.toString())
                .directory(launcher.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long launched = System.nanoTime();
        return new DemoLaunch(builder.start(), launched, address, log);
    }

    /**
     * Calls the demo counter's {@code increment} over HTTP until it answers, and returns the seconds
     * from the launch to that answer.
     *
     * @throws IllegalStateException if the process exits first, the answer is not 200, or none comes
     *     within {@code timeout}
     */
    double awaitFirstAction(Duration timeout) throws InterruptedException {
        byte[] request = RawHttpConnection.post(address, FIRST_ACTION, "{\"args\":[1]}");
        long deadline = launchedNanos + timeout.toNanos();
        while (true) {
            try (RawHttpConnection connection = new RawHttpConnection(address)) {
                int status = connection.exchange(request);
                long answered = System.nanoTime();
                if (status != 200) {
                    throw new IllegalStateException("the demo's first action answered " + status + "; see " + log);
                }
                return (answered - launchedNanos) / 1e9;
            } catch (IOException notListeningYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the demo exited with " + process.exitValue() + " before it answered; see "
                            + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the demo did not answer within " + timeout + "; see " + log);
                }
                Thread.sleep(POLL);
            }
        }
    }

    /** The base URL the demo serves. */
    String url() {
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    /**
     * The resident set size of the process now, in bytes. The launcher execs the JVM, so the process
     * launched is the demo's JVM once it answers.
     */
    long residentBytes() throws IOException {
        return residentBytes(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
    }

    /**
     * The {@code VmRSS} of a {@code /proc/PID/status} text, in bytes.
     *
     * @throws IllegalArgumentException if the text has no {@code VmRSS} line in kB
     */
    static long residentBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] words = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (words.length == 2 && words[1].equals("kB")) {
                    return Long.parseLong(words[0]) * 1024;
                }
            }
        }
        throw new IllegalArgumentException("no VmRSS line in kB in the process status");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
