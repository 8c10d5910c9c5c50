package dev.troupe.bench.websocket;

import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.HeapMeter;
import dev.troupe.bench.harness.Profiling;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.demo.CounterActor;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code websocket}: actions per second over one WebSocket (pipelined, with ids) and the broadcast
 * fan-out of one actor's event to 1,000 and 10,000 subscribed WebSockets, each next to a bare Jetty 12
 * WebSocket endpoint doing the same with constant frames. The servers run in this JVM on
 * {@code MemoryStore} (a broadcast follows the durable turn; the store is not what is measured); the
 * clients run in a child JVM ({@link WebSocketClients}), so each process holds one side's sockets.
 */
public final class WebSocketBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketBenchmark.class);
    static final int PIPELINE_SECONDS = 5;
    static final int DEPTH = 128;
    static final int PIPELINE_ROUNDS = 3;
    static final int WARM_UP_SECONDS = 8;
    static final int BROADCASTS = 20;
    static final List<Integer> FANOUTS = List.of(1_000, 10_000);
    static final String BARE = "bare Jetty 12 WebSocket endpoint, constant frames";

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public String title() {
        return "Pipelined actions over one WebSocket and event fan-out to 1,000 and 10,000 sockets, next to bare Jetty";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Findings findings = new Findings();
        // The demo counter, open to anonymous clients, with room for 10,000 subscribers and the trigger
        // (the type's default limit is 10,000 connections per actor).
        Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT).maxConnections(20_000))
                .maxActiveActors(100_000).sleepAfter(Duration.ofHours(1)).build();
        HeapMeter heap = new HeapMeter();
        try (TroupeServer server = TroupeServer.start(troupe,
                ServerConfig.port(0).maxConnectionsPerActor(20_000).outboundQueueLimit(1_024));
             BareWebSocketServer bare = BareWebSocketServer.start();
             var profile = Profiling.start(context)) {
            String base = "ws://127.0.0.1:" + server.port() + "/v1/actors/counter/connect?key=";
            List<Double> troupeRates = new ArrayList<>();
            List<Double> bareRates = new ArrayList<>();
            child(heap, "pipeline", base + "pipe", WARM_UP_SECONDS, DEPTH); // warm-up rounds (JIT), not recorded
            child(heap, "pipeline", bare.uri().toString(), WARM_UP_SECONDS, DEPTH);
            for (int round = 0; round < PIPELINE_ROUNDS; round++) {
                troupeRates.add(Double.parseDouble(child(heap, "pipeline", base + "pipe", PIPELINE_SECONDS, DEPTH)
                        .get("perSecond")));
                bareRates.add(Double.parseDouble(child(heap, "pipeline", bare.uri().toString(), PIPELINE_SECONDS, DEPTH)
                        .get("perSecond")));
            }
            double troupeRate = Summary.of(troupeRates.stream().mapToDouble(d -> d).toArray()).median();
            double bareRate = Summary.of(bareRates.stream().mapToDouble(d -> d).toArray()).median();
            findings.row(Row.of(String.format(Locale.ROOT, "Actions over one WebSocket, %d pipelined (memory store)",
                    DEPTH), troupeRate, "/s").against(BARE + " (answers each frame)", bareRate));
            findings.note(String.format(Locale.ROOT, "Pipelined actions: medians of %d interleaved rounds of %d s, "
                            + "after an unrecorded %d s warm-up round each (every round is a new client JVM with 2 s of "
                            + "warm-up inside); Troupe %s, bare %s /s.", PIPELINE_ROUNDS, PIPELINE_SECONDS,
                    WARM_UP_SECONDS, rates(troupeRates), rates(bareRates)));
            for (int connections : FANOUTS) {
                Map<String, String> t = child(heap, "fanout", base + "fan" + connections, connections, BROADCASTS);
                Map<String, String> b = child(heap, "fanout", bare.uri().toString(), connections, BROADCASTS);
                String n = String.format(Locale.ROOT, "%,d", connections);
                findings.row(Row.of("Broadcast to " + n + " WebSockets, increment's result to last arrival: p50",
                                d(t, "p50"), "ms").against(BARE + ", answer to last arrival", d(b, "p50")))
                        .row(Row.of("Broadcast to " + n + " WebSockets, increment's result to last arrival: p99",
                                d(t, "p99"), "ms").against(BARE + ", answer to last arrival", d(b, "p99")))
                        .row(Row.of("Broadcast to " + n + " WebSockets, action sent to last arrival: p50",
                                d(t, "sendP50"), "ms").against(BARE + ", frame sent to last arrival", d(b, "sendP50")))
                        .row(Row.of("Server heap per subscribed WebSocket, " + n + " open", d(t, "heapPerConnection"),
                                "bytes").against(BARE, d(b, "heapPerConnection")));
                findings.note(String.format(Locale.ROOT, "%s sockets: opening and subscribing took %s s (Troupe) and "
                                + "%s s (bare); slowest broadcast %s ms (Troupe) and %s ms (bare).", n, t.get("openSeconds"),
                        b.get("openSeconds"), t.get("max"), b.get("max")));
            }
            findings.note(String.format(Locale.ROOT, "Fan-out: %d broadcasts per size after one warm-up, one at a time; "
                    + "p99 of %d samples is about their maximum. Clients: java.net.http WebSockets spread over 4 "
                    + "HttpClients in a child JVM; servers in this JVM. Open-file limit of each JVM: %s (10,000 "
                    + "sockets per process fit; client and server in one JVM would not).", BROADCASTS, BROADCASTS,
                    openFileLimit()));
        } finally {
            troupe.close();
        }
        return findings;
    }

    private static String rates(List<Double> values) {
        return String.join(", ", values.stream().map(Numbers::format).toList());
    }

    private static double d(Map<String, String> values, String key) {
        return Double.parseDouble(values.get(key));
    }

    /** What the parent measures while a child's connections are all open; its fields join the result. */
    @FunctionalInterface
    interface AtReady {
        Map<String, String> measure() throws Exception;
    }

    /** Runs {@link WebSocketClients} in a child JVM and returns its RESULT fields (plus heapPerConnection). */
    private static Map<String, String> child(HeapMeter heap, String mode, String uri, int a, int b) throws Exception {
        if (mode.equals("fanout")) {
            Thread.sleep(2_000); // the previous client's connections close asynchronously
        }
        long before = mode.equals("fanout") ? heap.usedAfterGc() : 0;
        return child(mode, uri, a, b, () -> Map.of("heapPerConnection",
                Double.toString((heap.usedAfterGc() - before) / (double) a)));
    }

    /**
     * Runs {@link WebSocketClients} in a child JVM, calls {@code atReady} once its connections are open,
     * and returns its RESULT fields with what {@code atReady} measured.
     */
    static Map<String, String> child(String mode, String uri, int a, int b, AtReady atReady) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), WebSocketClients.class.getName(),
                mode, uri, Integer.toString(a), Integer.toString(b));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> result = new HashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream in = process.getOutputStream()) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("READY")) {
                        result.putAll(atReady.measure());
                        in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
                        in.flush();
                    } else if (line.startsWith("RESULT ")) {
                        for (String field : line.substring(7).trim().split(" ")) {
                            int eq = field.indexOf('=');
                            result.put(field.substring(0, eq), field.substring(eq + 1));
                        }
                    }
                }
            } catch (Exception e) {
                LOG.warn("Reading the WebSocket client failed", e);
            }
        });
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the WebSocket client did not finish: " + command);
        }
        reader.join(Duration.ofSeconds(10));
        String expected = switch (mode) {
            case "fanout" -> "p50";
            case "hold" -> "opened";
            default -> "perSecond";
        };
        if (process.exitValue() != 0 || !result.containsKey(expected)) {
            throw new IllegalStateException("the WebSocket client failed (exit " + process.exitValue() + "): " + command);
        }
        LOG.info("websocket {} {} {}: {}", mode, uri, a, result);
        return result;
    }

    private static String openFileLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.substring("Max open files".length()).trim().split("\\s+"))
                    .map(f -> f[0] + " soft, " + f[1] + " hard")
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
