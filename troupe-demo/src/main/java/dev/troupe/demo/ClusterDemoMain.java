package dev.troupe.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./troupe cluster-demo}: an embedded PostgreSQL and three {@link ClusterDemoNode} JVMs on
 * 127.0.0.1 forming one cluster (HTTP on 7421, 7422 and 7423 unless {@code TROUPE_CLUSTER_PORT} gives
 * the first; cluster ports 25521 to 25523). Prints each node's URL; every node serves every actor.
 * Kill one node ({@code kill -9 PID}, printed) to watch its actors move; Ctrl-C stops all.
 */
public final class ClusterDemoMain {
    private static final int NODES = 3;
    private static final int FIRST_CLUSTER_PORT = 25_521;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private ClusterDemoMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int firstHttpPort = Integer.parseInt(System.getenv().getOrDefault("TROUPE_CLUSTER_PORT", "7421"));
        Path data = Files.createTempDirectory("troupe-cluster-demo-pg");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
        String uri = "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
        Path web = Path.of("clients", "typescript", "demo", "dist").toAbsolutePath();
        ClusterNodes nodes = new ClusterNodes(System.getProperty("java.class.path"), uri, NODES, FIRST_CLUSTER_PORT,
                firstHttpPort, web, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            nodes.close();
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("stopping PostgreSQL failed: " + e);
            }
            stopped.countDown();
        }, "troupe-cluster-demo-shutdown"));
        nodes.startAll();
        System.out.println("Troupe cluster demo: PostgreSQL on 127.0.0.1:" + postgres.getPort() + ", three nodes:");
        for (int i = 0; i < NODES; i++) {
            System.out.println("  " + ClusterNodes.name(i) + ": " + nodes.awaitUrl(i, START_TIMEOUT) + "/   (pid "
                    + nodes.pid(i) + ")");
        }
        String first = nodes.awaitUrl(0, START_TIMEOUT);
        System.out.println("  try:    curl -s -X POST '" + first + "/v1/actors/counter/actions/increment?key=demo'"
                + " -H 'content-type: application/json' -d '{\"args\":[1]}'   (through any node)");
        System.out.println("  events: curl -N '" + nodes.awaitUrl(NODES - 1, START_TIMEOUT)
                + "/v1/actors/counter/events?key=demo'");
        System.out.println("  Ctrl-C stops the nodes and PostgreSQL.");
        System.out.flush();
        stopped.await();
    }
}
