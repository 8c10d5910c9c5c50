package dev.troupe.bench.cluster;

import dev.troupe.demo.ClusterNodes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Three cluster-demo nodes on an embedded PostgreSQL, each in a JVM of its own with troupe-demo's
 * class path (the benchmark's own class path has no Pekko cluster: its Scala 3 Pekko for the pekko
 * benchmark cannot share one with the cluster's Scala 2.13 build). Talks to the nodes over HTTP only:
 * readiness, the turn counter of /metrics (to find which node hosts an actor) and action calls.
 */
final class ClusterUnderTest implements AutoCloseable {
    static final int NODES = 3;
    private static final int FIRST_CLUSTER_PORT = 25_621;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(50);

    private final EmbeddedPostgres postgres;
    private final ClusterNodes nodes;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> urls = new ArrayList<>();

    private ClusterUnderTest(EmbeddedPostgres postgres, ClusterNodes nodes, PrintStream log) {
        this.postgres = postgres;
        this.nodes = nodes;
        this.log = log;
    }

    /** Starts PostgreSQL in {@code data} and the nodes, their output to {@code logFile}; returns once all serve. */
    static ClusterUnderTest start(Path data, Path logFile) throws IOException, InterruptedException {
        Path classes = Path.of("troupe-demo", "target", "classes");
        Path lib = Path.of("troupe-demo", "target", "lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("the cluster benchmark runs nodes from troupe-demo/target (classes and lib);"
                    + " build it first (./troupe build) and run from the project's root");
        }
        String classPath = classes.toAbsolutePath() + ":" + lib.toAbsolutePath() + "/*";
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
        String uri = "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
        PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
        ClusterNodes nodes = new ClusterNodes(classPath, uri, NODES, FIRST_CLUSTER_PORT, 0,
                Path.of("no-web-app"), log);
        ClusterUnderTest cluster = new ClusterUnderTest(postgres, nodes, log);
        try {
            nodes.startAll();
            for (int i = 0; i < NODES; i++) {
                cluster.urls.add(nodes.awaitUrl(i, START_TIMEOUT));
            }
            cluster.awaitAllReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String url(int node) {
        return urls.get(node);
    }

    /** Waits until every node answers {@code /readyz} with 200. */
    void awaitAllReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int i = 0; i < NODES; i++) {
            while (status(get(url(i) + "/readyz")) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(ClusterNodes.name(i) + " was not ready within " + START_TIMEOUT);
                }
                Thread.sleep(POLL);
            }
        }
    }

    /** SIGKILLs node {@code index}. */
    void kill(int index) throws InterruptedException {
        nodes.kill(index);
    }

    /** Starts node {@code index} again and waits until every node is ready. */
    void restart(int index) throws IOException, InterruptedException {
        nodes.start(index);
        urls.set(index, nodes.awaitUrl(index, START_TIMEOUT));
        awaitAllReady();
    }

    /** The node's {@code troupe_turns_total}: turns its runtime ran, so those of the actors it hosts. */
    double turns(int node) {
        @Nullable HttpResponse<String> metrics = get(url(node) + "/metrics");
        if (metrics == null || metrics.statusCode() != 200) {
            throw new IllegalStateException(ClusterNodes.name(node) + " did not answer /metrics");
        }
        return metrics.body().lines().filter(line -> line.startsWith("troupe_turns_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no troupe_turns_total in /metrics"));
    }

    /**
     * The node hosting counter {@code key}: the one whose turn counter grows by the {@code probes}
     * increments sent to it through node 0, and the others' by less (their own background turns, such
     * as idle actors going to sleep, may add a few). While shards move (after a node joined), an actor
     * can run turns on two nodes in one probe; then it probes again, for up to {@code patience}.
     *
     * @throws IllegalStateException if no single node stood out within {@code patience}
     */
    int owner(String key, int probes, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            int owner = probeOwner(key, probes);
            if (owner >= 0) {
                return owner;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no single node ran the turns of " + key + " within " + patience);
            }
            Thread.sleep(POLL);
        }
    }

    private int probeOwner(String key, int probes) {
        double[] before = new double[NODES];
        for (int i = 0; i < NODES; i++) {
            before[i] = turns(i);
        }
        for (int p = 0; p < probes; p++) {
            if (!increment(0, key)) {
                return -1;
            }
        }
        int owner = -1;
        for (int i = 0; i < NODES; i++) {
            if (turns(i) - before[i] >= probes) {
                if (owner >= 0) {
                    return -1;
                }
                owner = i;
            }
        }
        return owner;
    }

    /** One increment of counter {@code key} through node {@code via}; whether it was acknowledged. */
    boolean increment(int via, String key) {
        @Nullable HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url(via) + path(key)))
                .timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[1]}")).build());
        return status(answer) == 200;
    }

    static String path(String key) {
        return "/v1/actors/counter/actions/increment?key=" + key;
    }

    private @Nullable HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT).GET().build());
    }

    /** The answer, or null if there was none (refused, reset, timed out): a node may be down. */
    private @Nullable HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.println("[bench] " + request.uri() + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int status(@Nullable HttpResponse<String> answer) {
        return answer == null ? -1 : answer.statusCode();
    }

    @Override
    public void close() {
        nodes.close();
        try {
            postgres.close();
        } catch (IOException e) {
            log.println("[bench] stopping PostgreSQL failed: " + e);
        }
        log.close();
        http.close();
    }
}
