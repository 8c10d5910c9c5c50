package dev.troupe.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Three or more {@link ClusterDemoNode} JVMs on 127.0.0.1 forming one cluster on a shared PostgreSQL:
 * what {@code ./troupe cluster-demo} runs, and what the cluster benchmark measures. Node {@code i}
 * (from 0) takes cluster port {@code firstClusterPort + i} and HTTP port {@code firstHttpPort + i}
 * (0: any free port); the first two are the seeds. Each node's output is copied to a stream, its lines
 * prefixed with the node's name. Nodes can be killed and started again, as in a failover drill.
 */
public final class ClusterNodes implements AutoCloseable {
    private static final String NODE_MAIN = "dev.troupe.demo.ClusterDemoNode";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String classPath;
    private final String postgresUri;
    private final int firstClusterPort;
    private final int firstHttpPort;
    private final Path web;
    private final PrintStream output;
    private final List<Process> processes = new ArrayList<>();
    private final List<CompletableFuture<String>> urls = new ArrayList<>();

    /**
     * Nodes to be started with {@link #start}.
     *
     * @param classPath        the class path of troupe-demo with troupe-cluster (a node's JVM)
     * @param postgresUri      the shared store, {@code postgresql://user@host:port/db}
     * @param nodes            how many nodes (at least 2: two seeds)
     * @param firstClusterPort the first node's cluster port
     * @param firstHttpPort    the first node's HTTP port, or 0 for free ports
     * @param web              the web app directory the nodes serve (may not exist)
     * @param output           where the nodes' output goes
     */
    public ClusterNodes(String classPath, String postgresUri, int nodes, int firstClusterPort, int firstHttpPort,
                        Path web, PrintStream output) {
        if (nodes < 2) {
            throw new IllegalArgumentException("a cluster needs at least two nodes (the seeds), not " + nodes);
        }
        this.classPath = classPath;
        this.postgresUri = postgresUri;
        this.firstClusterPort = firstClusterPort;
        this.firstHttpPort = firstHttpPort;
        this.web = web;
        this.output = output;
        for (int i = 0; i < nodes; i++) {
            processes.add(null);
            urls.add(null);
        }
    }

    /** The number of nodes. */
    public int size() {
        return processes.size();
    }

    /** Starts every node; see {@link #start(int)}. */
    public void startAll() throws IOException {
        for (int i = 0; i < size(); i++) {
            start(i);
        }
    }

    /**
     * Starts node {@code index} in a JVM of its own (again, after {@link #kill}).
     *
     * @throws IllegalStateException if it is running
     */
    public void start(int index) throws IOException {
        Process running = processes.get(index);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(name(index) + " is running");
        }
        String seeds = "127.0.0.1:" + firstClusterPort + ",127.0.0.1:" + (firstClusterPort + 1);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // Pekko 1.x still uses sun.misc.Unsafe
        }
        int httpPort = firstHttpPort == 0 ? 0 : firstHttpPort + index;
        command.addAll(List.of("-cp", classPath, NODE_MAIN, Integer.toString(firstClusterPort + index),
                Integer.toString(httpPort), seeds, postgresUri, web.toString()));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.set(index, node);
        urls.set(index, relay(name(index), node));
    }

    /**
     * The base URL of node {@code index} (no trailing slash), once it serves.
     *
     * @throws IllegalStateException if it exited before serving or did not serve within {@code timeout}
     */
    public String awaitUrl(int index, Duration timeout) throws InterruptedException {
        try {
            return urls.get(index).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name(index) + " did not start", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(name(index) + " did not serve within " + timeout, e);
        }
    }

    /** The process id of node {@code index}. */
    public long pid(int index) {
        return processes.get(index).pid();
    }

    /** Kills node {@code index} with SIGKILL and waits until it is gone. */
    public void kill(int index) throws InterruptedException {
        Process node = processes.get(index);
        node.destroyForcibly();
        node.waitFor();
    }

    /** {@code node-1}, {@code node-2}, … */
    public static String name(int index) {
        return "node-" + (index + 1);
    }

    /** Copies a node's output, each line prefixed with its name; completes with its URL. */
    private CompletableFuture<String> relay(String name, Process node) {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("relay-" + name).start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        url.complete(line.substring(6).replaceAll("/$", ""));
                    } else {
                        output.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException(name + " exited before it served"));
        });
        return url;
    }

    /** Asks every running node to leave (SIGTERM), then waits for them, killing any that hangs. */
    @Override
    public void close() {
        processes.stream().filter(p -> p != null && p.isAlive()).forEach(Process::destroy);
        for (Process node : processes) {
            if (node == null) {
                continue;
            }
            try {
                if (!node.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.destroyForcibly();
            }
        }
    }
}
