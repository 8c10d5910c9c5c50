package dev.troupe.cluster;

import dev.troupe.testing.crash.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterTestNode} in a child JVM ({@link ChildJvm}), seen from the test: it waits for
 * {@code READY}, collects the node's {@code COMMIT} lines into a shared map of (actor id, epoch) to the
 * node that committed, and ends the node gracefully (closing its stdin) or with SIGKILL. The child runs
 * on this JVM's class path with a small heap; its stderr goes to a log file that failure messages quote.
 */
final class NodeProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final Map<String, String> commits;
    private final Map<String, String> conflicts;
    private final ChildJvm child;

    private NodeProcess(String name, List<String> arguments, Path log, Map<String, String> commits,
                        Map<String, String> conflicts) throws IOException {
        this.name = name;
        this.commits = commits;
        this.conflicts = conflicts;
        List<String> options = new ArrayList<>(List.of(
                // A small node: little heap, C1 only, serial GC; the machine has two cores for everything.
                "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=2",
                // Lets a test blackhole the node's traffic with some peers (ClusterTestNode's PARTITION).
                "-Dpekko.remote.artery.advanced.test-mode=on"));
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow"); // Pekko 1.x still uses sun.misc.Unsafe
        }
        this.child = ChildJvm.start("node " + name, options, ClusterTestNode.class, arguments, log, EXIT_TIMEOUT,
                this::dispatch, failure -> ready.completeExceptionally(failure != null ? failure
                        : new IllegalStateException("node " + name + " exited before it was ready")));
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
        NodeProcess node = new NodeProcess(name, List.of(name, Integer.toString(clusterPort), seeds, postgresUri),
                log, commits, conflicts);
        try {
            node.ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            node.child.abandon();
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
        child.send(command);
    }

    /** Kills the node with SIGKILL and waits until it is gone and its output is read. */
    void kill() throws InterruptedException {
        child.kill();
    }

    /** The node's log (its stderr) so far, at most the last few thousand characters. */
    String logTail() {
        return child.logTail();
    }

    /** Leaves the cluster gracefully (closes the node's stdin), killing the node if it does not exit. */
    @Override
    public void close() throws InterruptedException {
        child.close();
    }

    private void dispatch(String line) {
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
}
