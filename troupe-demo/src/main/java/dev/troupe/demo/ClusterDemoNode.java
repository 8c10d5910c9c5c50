package dev.troupe.demo;

import dev.troupe.Troupe;
import dev.troupe.cluster.ClusterConfig;
import dev.troupe.cluster.ClusterHostProvider;
import dev.troupe.postgres.PostgresStore;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * One node of {@code ./troupe cluster-demo}, in its own JVM: the demo actors on the shared PostgreSQL,
 * a member of the cluster through the given seeds, serving the gateway (and the web app, if built).
 * Prints {@code READY url} once it serves; on SIGTERM it leaves the cluster gracefully.
 *
 * <p>Arguments: cluster port, HTTP port, seed nodes ({@code host:port,…}), PostgreSQL URI, web app
 * directory.
 */
public final class ClusterDemoNode {
    private ClusterDemoNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        ClusterConfig cluster = ClusterConfig.of("127.0.0.1", Integer.parseInt(args[0]), Arrays.asList(args[2].split(",")));
        Troupe troupe = DemoActors.register(Troupe.builder().store(PostgresStore.fromUri(args[3])))
                .host(new ClusterHostProvider(cluster))
                .build();
        ServerConfig config = ServerConfig.port(Integer.parseInt(args[1])).host("127.0.0.1");
        Path web = Path.of(args[4]);
        if (Files.isRegularFile(web.resolve("index.html"))) {
            config = config.staticFiles(web);
        }
        TroupeServer server = TroupeServer.start(troupe, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            troupe.close();
            stopped.countDown();
        }, "troupe-cluster-demo-node-shutdown"));
        System.out.println("READY " + server.uri());
        System.out.flush();
        stopped.await();
    }
}
