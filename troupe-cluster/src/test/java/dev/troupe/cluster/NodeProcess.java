package dev.troupe.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterTestNode} in a child JVM, seen from the test: it waits for {@code READY}, collects
 * the node's {@code COMMIT} lines into a shared map of (actor id, epoch) to the node that committed,
 * and ends the node gracefully (closing its stdin) or with SIGKILL. The child runs on this JVM's class
 * path with a small heap; its stderr goes to a log file that failure messages quote.
 */
final class NodeProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL = 4_000;

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final Map<String, String> commits;
    private final Map<String, String> conflicts;
    private final Thread reader;

    private NodeProcess(String name, Process process, Path log, Map<String, String> commits,
                        Map<String, String> conflicts) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.commits = commits;
        this.conflicts = conflicts;
        this.reader = Thread.ofVirtual().name("node-reader-" + name).start(this::read);
    }

    /**
     * Starts a node and waits until it serves.
     *
     * @param commits   (actor id + epoch) to node name, shared by every node of the test
     * @param conflicts where a second node committing the same actor id and epoch is recorded
     */
    static NodeProcess start(String name, int clusterPort, String seeds, String postgresUri, Path logDirectory,
                             Map<String, String> commits, Map<String, String> conflicts) throws IOException {
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(name + "-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                // A small node: little heap, C1 only, serial GC; the machine has two cores for everything.
                "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=2",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                // Lets a test blackhole the node's traffic with some peers (ClusterTestNode's PARTITION).
                "-Dpekko.remote.artery.advanced.test-mode=on"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // Pekko 1.x still uses sun.misc.Unsafe
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ClusterTestNode.class.getName(), name, Integer.toString(clusterPort), seeds, postgresUri));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        NodeProcess node = new NodeProcess(name, process, log, commits, conflicts);
        try {
            node.ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.toHandle().destroyForcibly();
            throw new AssertionError("node " + name + " did not become ready; its log:\n" + node.logTail(), e);
        }
        return node;
    }

    /** A free TCP port on the loopback interface. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** The node's gateway. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + ready.join());
    }

    /** Sends a command line to the node (see {@link ClusterTestNode}). */
    void send(String command) {
        try {
            process.outputWriter(StandardCharsets.UTF_8).append(command).append('\n').flush();
        } catch (IOException e) {
            throw new UncheckedIOException("node " + name + " no longer reads commands; its log:\n" + logTail(), e);
        }
    }

    /** Kills the node with SIGKILL and waits until it is gone and its output is read. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        awaitExit();
    }

    String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() <= LOG_TAIL ? text : "…" + text.substring(text.length() - LOG_TAIL);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Leaves the cluster gracefully (closes the node's stdin), killing the node if it does not exit. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                process.toHandle().destroyForcibly();
            }
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
            }
        }
        awaitExit();
    }

    private void awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node " + name + " did not exit within " + EXIT_TIMEOUT);
        }
        reader.join(EXIT_TIMEOUT);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    ready.complete(Integer.parseInt(line.substring(6).trim()));
                } else if (line.startsWith("COMMIT ")) {
                    String write = line.substring(7);
                    String previous = commits.putIfAbsent(write, name);
                    if (previous != null && !previous.equals(name)) {
                        conflicts.put(write, previous + " and " + name);
                    }
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } finally {
            ready.completeExceptionally(new IllegalStateException("node " + name + " exited before it was ready"));
        }
    }
}
