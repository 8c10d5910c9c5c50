package dev.troupe.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./troupe cluster-demo}: an embedded PostgreSQL and three {@link ClusterDemoNode} JVMs on
 * 127.0.0.1 forming one cluster (HTTP on 7421, 7422 and 7423 unless {@code TROUPE_CLUSTER_PORT} gives
 * the first; cluster ports 25521 to 25523). Prints each node's URL; every node serves every actor.
 * Kill one node ({@code kill -9 PID}, printed) to watch its actors move; Ctrl-C stops all.
 */
public final class ClusterDemoMain {
    private static final int NODES = 3;
    private static final int FIRST_CLUSTER_PORT = 25_521;

    private ClusterDemoMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int firstHttpPort = Integer.parseInt(System.getenv().getOrDefault("TROUPE_CLUSTER_PORT", "7421"));
        Path data = Files.createTempDirectory("troupe-cluster-demo-pg");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
        String uri = "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
        String seeds = "127.0.0.1:" + FIRST_CLUSTER_PORT + ",127.0.0.1:" + (FIRST_CLUSTER_PORT + 1);
        String web = Path.of("clients", "typescript", "demo", "dist").toAbsolutePath().toString();
        List<Process> nodes = new ArrayList<>();
        List<CompletableFuture<String>> urls = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(nodes);
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("stopping PostgreSQL failed: " + e);
            }
            stopped.countDown();
        }, "troupe-cluster-demo-shutdown"));
        for (int i = 0; i < NODES; i++) {
            String name = "node-" + (i + 1);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC"));
            if (Runtime.version().feature() >= 24) {
                command.add("--sun-misc-unsafe-memory-access=allow"); // Pekko 1.x still uses sun.misc.Unsafe
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterDemoNode.class.getName(),
                    Integer.toString(FIRST_CLUSTER_PORT + i), Integer.toString(firstHttpPort + i), seeds, uri, web));
            Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
            nodes.add(node);
            urls.add(relay(name, node));
        }
        System.out.println("Troupe cluster demo: PostgreSQL on 127.0.0.1:" + postgres.getPort() + ", three nodes:");
        for (int i = 0; i < NODES; i++) {
            String url = urls.get(i).join();
            System.out.println("  node-" + (i + 1) + ": " + url + "/   (pid " + nodes.get(i).pid() + ")");
        }
        String first = urls.getFirst().join();
        System.out.println("  try:    curl -s -X POST '" + first + "/v1/actors/counter/actions/increment?key=demo'"
                + " -H 'content-type: application/json' -d '{\"args\":[1]}'   (through any node)");
        System.out.println("  events: curl -N '" + urls.getLast().join() + "/v1/actors/counter/events?key=demo'");
        System.out.println("  Ctrl-C stops the nodes and PostgreSQL.");
        System.out.flush();
        stopped.await();
    }

    /** Copies a node's output to ours, each line prefixed with its name; completes with its URL. */
    private static CompletableFuture<String> relay(String name, Process node) {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("relay-" + name).start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        url.complete(line.substring(6).replaceAll("/$", ""));
                    } else {
                        System.out.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException(name + " exited before it served"));
        });
        return url;
    }

    /** Asks every node to leave (SIGTERM), then waits for them, killing any that hangs. */
    private static void stop(List<Process> nodes) {
        nodes.forEach(Process::destroy);
        for (Process node : nodes) {
            try {
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.destroyForcibly();
            }
        }
    }
}
