package dev.troupe.bench.cluster;

import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.http.HttpLoad;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.demo.ClusterNodes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cluster}: three cluster nodes (Pekko Cluster Sharding, one embedded PostgreSQL) on this
 * machine. HTTP increments through node 1 on counters that node 1 hosts (a local call) next to
 * counters that another node hosts (a cross-node call: forwarded over Pekko remoting and answered
 * back), with one client and with many, in interleaved rounds; then failover: SIGKILL the node
 * hosting a set of counters and time until each answers again through a survivor.
 */
public final class ClusterBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBenchmark.class);
    private static final int ACTORS = 60;
    private static final int PROBES = 3;
    private static final int CLIENTS = 16;
    private static final int ROUNDS = 3;
    private static final int FAILOVERS = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(1);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(4);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RETRY = Duration.ofMillis(20);
    private static final String BODY = "{\"args\":[1]}";

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String title() {
        return "Three Pekko cluster nodes on PostgreSQL: cross-node HTTP calls next to local ones, and failover time";
    }

    private record Shape(String label, int clients) {
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Findings findings = new Findings();
        try (ClusterUnderTest cluster = ClusterUnderTest.start(context.freshDirectory("postgres"),
                context.freshDirectory("logs").resolve("nodes.log"))) {
            List<String> keys = IntStream.range(0, ACTORS).mapToObj(i -> "bench-" + i).toList();
            List<String> local = new ArrayList<>();
            List<String> remote = new ArrayList<>();
            for (String key : keys) {
                (cluster.owner(key, PROBES, PATIENCE) == 0 ? local : remote).add(key);
            }
            LOG.info("cluster: node-1 hosts {} of {} counters", local.size(), ACTORS);
            if (local.isEmpty() || remote.isEmpty()) {
                throw new IllegalStateException("node-1 hosts " + local.size() + " of " + ACTORS
                        + " counters; the comparison needs both kinds");
            }
            InetSocketAddress gateway = address(cluster.url(0));
            List<String> localPaths = local.stream().map(ClusterUnderTest::path).toList();
            List<String> remotePaths = remote.stream().map(ClusterUnderTest::path).toList();
            List<Shape> shapes = List.of(new Shape("1 client", 1), new Shape(CLIENTS + " clients", CLIENTS));
            List<List<HttpLoad.Window>> localWindows = new ArrayList<>();
            List<List<HttpLoad.Window>> remoteWindows = new ArrayList<>();
            for (Shape shape : shapes) {
                localWindows.add(new ArrayList<>());
                remoteWindows.add(new ArrayList<>());
                measure(gateway, localPaths, shape.clients(), SETTLE);
                measure(gateway, remotePaths, shape.clients(), SETTLE);
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int s = 0; s < shapes.size(); s++) {
                    localWindows.get(s).add(measure(gateway, localPaths, shapes.get(s).clients(), WINDOW));
                    remoteWindows.get(s).add(measure(gateway, remotePaths, shapes.get(s).clients(), WINDOW));
                }
                LOG.info("cluster round {} of {} done", round + 1, ROUNDS);
            }
            for (int s = 0; s < shapes.size(); s++) {
                report(shapes.get(s), localWindows.get(s), remoteWindows.get(s), findings);
            }
            failovers(cluster, keys, findings);
        }
        return findings.note(String.format(Locale.ROOT, "Three node JVMs (-Xmx256m, serial GC), the embedded PostgreSQL "
                + "and the load generator share this machine's %d cores, so a cross-node call pays the second node's "
                + "scheduling as well as the hop; %d counters, the local ones those that node-1's turn counter showed it "
                + "hosts. Medians of %d interleaved rounds of %d s.", Runtime.getRuntime().availableProcessors(), ACTORS,
                ROUNDS, WINDOW.toSeconds()));
    }

    private static void report(Shape shape, List<HttpLoad.Window> local, List<HttpLoad.Window> remote,
                               Findings findings) {
        String cross = "HTTP increments through node-1 on counters another node hosts, " + shape.label();
        String near = "counters node-1 hosts, " + shape.label();
        findings.row(Row.of(cross, median(remote, HttpLoad.Window::perSecond), "/s")
                        .against(near, median(local, HttpLoad.Window::perSecond)))
                .row(Row.of(cross + ": p50 latency", median(remote, HttpLoad.Window::p50Millis), "ms")
                        .against(near, median(local, HttpLoad.Window::p50Millis)))
                .row(Row.of(cross + ": p99 latency", median(remote, HttpLoad.Window::p99Millis), "ms")
                        .against(near, median(local, HttpLoad.Window::p99Millis)));
    }

    /**
     * Kills whichever of node-2 and node-3 hosts more counters, times until each of them answers through
     * node-1 again, and starts the node again; {@value #FAILOVERS} times.
     */
    private static void failovers(ClusterUnderTest cluster, List<String> keys, Findings findings) throws Exception {
        List<Double> first = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int cycle = 0; cycle < FAILOVERS; cycle++) {
            List<List<String>> hosted = new ArrayList<>();
            for (int node = 0; node < ClusterUnderTest.NODES; node++) {
                hosted.add(new ArrayList<>());
            }
            for (String key : keys) {
                hosted.get(cluster.owner(key, PROBES, PATIENCE)).add(key);
            }
            int victim = hosted.get(1).size() >= hosted.get(2).size() ? 1 : 2;
            List<String> victims = hosted.get(victim);
            if (victims.isEmpty()) {
                throw new IllegalStateException("node-1 hosts all " + keys.size() + " counters; nothing would move");
            }
            long killed = System.nanoTime();
            cluster.kill(victim);
            List<Double> answered = new ArrayList<>();
            for (String key : victims) {
                while (!cluster.increment(0, key)) {
                    if (System.nanoTime() - killed > FAILOVER_TIMEOUT.toNanos()) {
                        throw new IllegalStateException(key + " did not answer within " + FAILOVER_TIMEOUT + " of the kill");
                    }
                    Thread.sleep(RETRY);
                }
                answered.add((System.nanoTime() - killed) / 1e9);
            }
            double firstSeconds = answered.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double allSeconds = answered.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            first.add(firstSeconds);
            all.add(allSeconds);
            LOG.info("failover {} of {}: {} counters of {} answered again after {} s (first) to {} s (all)", cycle + 1,
                    FAILOVERS, victims.size(), ClusterNodes.name(victim), Numbers.format(firstSeconds),
                    Numbers.format(allSeconds));
            cluster.restart(victim);
        }
        Summary firsts = Summary.of(first.stream().mapToDouble(Double::doubleValue).toArray());
        Summary alls = Summary.of(all.stream().mapToDouble(Double::doubleValue).toArray());
        findings.row(Row.of("Failover: SIGKILL to the first moved counter answering through a survivor, p50", firsts.median(), "s"))
                .row(Row.of("Failover: SIGKILL to the first moved counter answering, max", firsts.max(), "s"))
                .row(Row.of("Failover: SIGKILL to every moved counter answering, p50", alls.median(), "s"))
                .row(Row.of("Failover: SIGKILL to every moved counter answering, max", alls.max(), "s"))
                .note(String.format(Locale.ROOT, "Failover over %d cycles of SIGKILL and restart of node-2 or node-3 "
                        + "(whichever hosted more of the counters), each timed by "
                        + "increments retried every %d ms through node-1 on the counters the killed node hosted. The "
                        + "time is Pekko's failure detection plus the split-brain resolver's stable-after (see "
                        + "docs/cluster.md), then the shard's move and the actors' activation from PostgreSQL.",
                        FAILOVERS, RETRY.toMillis()));
    }

    private static HttpLoad.Window measure(InetSocketAddress gateway, List<String> paths, int clients, Duration window)
            throws InterruptedException {
        try (HttpLoad load = HttpLoad.raw(gateway, clients, paths, BODY)) {
            return load.window(SETTLE, window);
        }
    }

    private static InetSocketAddress address(String url) {
        URI uri = URI.create(url);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    private static double median(List<HttpLoad.Window> windows, ToDoubleFunction<HttpLoad.Window> metric) {
        return Summary.of(windows.stream().mapToDouble(metric).toArray()).median();
    }
}
