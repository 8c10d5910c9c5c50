package dev.troupe.bench.compat;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.actorkit.ActorKit;
import dev.troupe.actorkit.ActorKitMapping;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.Summary;
import dev.troupe.bench.http.HttpLoad;
import dev.troupe.bench.result.Numbers;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import dev.troupe.demo.DemoActors;
import dev.troupe.rivetkit.RivetKit;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TokenIssuer;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code compat}: counter increments through the protocol adapters next to wire protocol v1, on one
 * server and runtime (MemoryStore, so that the protocols' own cost shows), in the same run with windows
 * interleaved round by round. HTTP: v1's action route, Actor Kit's event POST ({@code INCREMENT},
 * mapped to {@code increment}) and RivetKit's stateless action ({@code x-rivet-encoding: json}).
 * WebSocket: v1's action frame answered by its result, Actor Kit's raw event answered by the
 * {@code {operations, checksum}} diff it causes, and RivetKit's {@code ActionRequest} answered by its
 * {@code ActionResponse} (JSON encoding). Target: each adapter at least 0.8x v1.
 */
public final class CompatBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(CompatBenchmark.class);
    private static final byte[] SECRET = "compat-bench-secret-compat-bench-secret!".getBytes(StandardCharsets.UTF_8);
    private static final int CALLERS = 64;
    private static final int KEYS = 64;
    private static final int ROUNDS = 3;
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(4);
    private static final String V1 = "protocol v1";
    private static final String ACTOR_KIT = "Actor Kit adapter";
    private static final String RIVETKIT = "RivetKit adapter";
    /** RivetKit's gateway parameters of {@code getOrCreate(key)}, the key last. */
    private static final String RIVET_QUERY = "rvt-namespace=default&rvt-method=getOrCreate&rvt-runner=default"
            + "&rvt-crash-policy=sleep&rvt-key=";

    @Override
    public String name() {
        return "compat";
    }

    @Override
    public String title() {
        return "Counter increments through the Actor Kit and RivetKit adapters next to protocol v1 (HTTP, WebSocket)";
    }

    private record HttpConfig(String label, List<String> paths, String body, Function<String, String> headers) {
    }

    /** One WebSocket configuration: a connection per URI, each sending {@code message} in a closed loop. */
    private record SocketConfig(String label, List<URI> uris, List<String> subprotocols, String message,
                                @Nullable Predicate<String> ready, Predicate<String> answered) {
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Troupe troupe = DemoActors.register(Troupe.builder().store(new MemoryStore()))
                .maxActiveActors(100_000).sleepAfter(Duration.ofHours(1)).build();
        ActorKit actorKit = ActorKit.withSecret(SECRET).map("counter", ActorKitMapping.builder()
                .event("INCREMENT", "increment", event -> List.of(event.path("by").asLong(1))).build());
        TokenIssuer tokens = TokenIssuer.actorKit(SECRET);
        Map<String, String> tokenOf = new LinkedHashMap<>();
        List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> "k" + i).toList();
        keys.forEach(key -> tokenOf.put(key, tokens.client("bench").actor("counter", Key.of(key))
                .expiresIn(Duration.ofMinutes(30)).issue()));
        Findings findings = new Findings();
        Map<String, List<Double>> seen = new LinkedHashMap<>();
        try (TroupeServer server = TroupeServer.start(troupe, actorKit.mountOn(RivetKit.defaults().mountOn(ServerConfig.port(0))))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            List<HttpConfig> http = List.of(
                    new HttpConfig(V1, keys.stream().map(k -> "/v1/actors/counter/actions/increment?key=" + k).toList(),
                            "{\"args\":[1]}", path -> ""),
                    new HttpConfig(ACTOR_KIT, keys.stream().map(k -> "/api/counter/" + k).toList(),
                            "{\"type\":\"INCREMENT\",\"by\":1}",
                            path -> "Authorization: Bearer " + tokenOf.get(path.substring(path.lastIndexOf('/') + 1)) + "\r\n"),
                    new HttpConfig(RIVETKIT, keys.stream().map(k -> "/gateway/counter/action/increment?" + RIVET_QUERY + k).toList(),
                            "{\"args\":[1]}", path -> "x-rivet-encoding: json\r\n"));
            String ws = "ws://127.0.0.1:" + server.port();
            List<SocketConfig> sockets = List.of(
                    new SocketConfig(V1, keys.stream().map(k -> URI.create(ws + "/v1/actors/counter/connect?key=" + k)).toList(),
                            List.of(), "{\"type\":\"action\",\"id\":1,\"name\":\"increment\",\"args\":[1]}",
                            null, text -> text.startsWith("{\"type\":\"result\"")),
                    new SocketConfig(ACTOR_KIT, keys.stream().map(k -> URI.create(ws + "/api/counter/" + k + "?accessToken="
                            + URLEncoder.encode(tokenOf.get(k), StandardCharsets.UTF_8))).toList(),
                            List.of(), "{\"type\":\"INCREMENT\",\"by\":1}",
                            text -> text.contains("\"path\":\"/value\""), text -> text.contains("\"path\":\"/public/count\"")),
                    new SocketConfig(RIVETKIT, keys.stream().map(k -> URI.create(ws + "/gateway/counter/connect?"
                            + RIVET_QUERY + k)).toList(), List.of("rivet", "rivet_encoding.json"),
                            "{\"body\":{\"tag\":\"ActionRequest\",\"val\":{\"id\":[\"$BigInt\",\"1\"],"
                                    + "\"name\":\"increment\",\"args\":[1]}}}",
                            text -> text.contains("\"tag\":\"Init\""), text -> text.contains("\"tag\":\"ActionResponse\"")));
            for (int round = 0; round <= ROUNDS; round++) {
                boolean warmUp = round == 0;
                for (HttpConfig config : http) {
                    try (HttpLoad load = HttpLoad.raw(address, CALLERS, config.paths(), config.body(), config.headers())) {
                        double rate = load.window(SETTLE, warmUp ? SETTLE : WINDOW).perSecond();
                        if (!warmUp) {
                            seen.computeIfAbsent("HTTP|" + config.label(), k -> new ArrayList<>()).add(rate);
                        }
                    }
                }
                for (SocketConfig config : sockets) {
                    double rate;
                    try (SocketLoad load = new SocketLoad(config.uris(), config.subprotocols(), config::message,
                            config.ready(), config.answered())) {
                        rate = load.perSecond(SETTLE, warmUp ? SETTLE : WINDOW);
                    }
                    if (!warmUp) {
                        seen.computeIfAbsent("WebSocket|" + config.label(), k -> new ArrayList<>()).add(rate);
                    }
                }
                LOG.info("compat round {} of {}: {}", round, ROUNDS, seen);
            }
        } finally {
            troupe.close();
        }
        report(seen, findings);
        return findings;
    }

    private static void report(Map<String, List<Double>> seen, Findings findings) {
        for (String transport : List.of("HTTP", "WebSocket")) {
            double base = Summary.of(seen.get(transport + "|" + V1).stream().mapToDouble(Double::doubleValue).toArray()).median();
            for (var entry : seen.entrySet()) {
                String[] parts = entry.getKey().split("\\|");
                if (!parts[0].equals(transport) || parts[1].equals(V1)) {
                    continue;
                }
                Summary rates = Summary.of(entry.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                findings.row(Row.of(transport + " increments via the " + parts[1] + ", " + CALLERS + " clients on "
                                + KEYS + " keys", rates.median(), "/s")
                        .against(transport + " increments via " + V1, base).target(Target.atLeast(0.8 * base)));
                findings.note(String.format(Locale.ROOT, "%s via the %s: %s to %s /s over the rounds.", transport,
                        parts[1], Numbers.format(rates.min()), Numbers.format(rates.max())));
            }
        }
        findings.note(String.format(Locale.ROOT, "Medians of %d interleaved rounds (%d s settle + %d s window per "
                        + "configuration) after one shorter unrecorded warm-up round; MemoryStore, one server with all three "
                        + "protocols mounted; load generator and server share the JVM and the %d cores.",
                ROUNDS, SETTLE.toSeconds(), WINDOW.toSeconds(), Runtime.getRuntime().availableProcessors()));
    }
}
