package dev.troupe.bench.websocket;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.bench.BenchContext;
import dev.troupe.bench.Benchmark;
import dev.troupe.bench.Findings;
import dev.troupe.bench.harness.HeapMeter;
import dev.troupe.bench.result.Row;
import dev.troupe.bench.result.Target;
import dev.troupe.demo.CounterActor;
import dev.troupe.host.Address;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.MemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/*
 * Server heap per WebSocket connection on hibernating actors, next to the same connections on awake
 * actors, in one run: a child JVM opens CONNECTIONS sockets, each to an actor of its own (the demo
 * counter) and subscribed; with all of them open the parent measures its used heap after GC (every
 * actor awake), then forces every actor to sleep (they hibernate, keeping their sockets) and measures
 * again. Both figures are per connection, above the heap before the child connected, so they include
 * the server's socket, session and connection objects; the difference is what an awake actor adds.
 */

/**
 * {@code hibernate}: heap per WebSocket connection with 10,000 connections on hibernating actors,
 * next to the same connections on awake actors.
 */
public final class HibernateBenchmark implements Benchmark {
    static final int CONNECTIONS = 10_000;
    /** Issue 21: a hibernating connection costs far below an awake actor's connection; at most half. */
    static final double AT_MOST_OF_AWAKE = 0.5;

    @Override
    public String name() {
        return "hibernate";
    }

    @Override
    public String title() {
        return "Server heap per WebSocket connection, 10,000 connections on hibernating actors next to awake ones";
    }

    @Override
    public Findings run(BenchContext context) throws Exception {
        Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT))
                .maxActiveActors(100_000).sleepAfter(Duration.ofHours(1)).build();
        HeapMeter heap = new HeapMeter();
        Findings findings = new Findings();
        try (TroupeServer server = TroupeServer.start(troupe, ServerConfig.port(0))) {
            String base = "ws://127.0.0.1:" + server.port() + "/v1/actors/counter/connect?key=hib";
            long before = heap.usedAfterGc();
            Map<String, String> result = WebSocketBenchmark.child("hold", base, CONNECTIONS, 0, () -> {
                long awake = heap.usedAfterGc();
                int awakeActors = troupe.stats().activeActors();
                List<CompletableFuture<Void>> slept = new ArrayList<>(CONNECTIONS);
                for (int i = 0; i < CONNECTIONS; i++) {
                    slept.add(((dev.troupe.host.PlacedHost) troupe.host()).release(new Address("counter", Key.of("hib" + i))));
                }
                CompletableFuture.allOf(slept.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                long asleep = heap.usedAfterGc();
                return Map.of("awake", Long.toString(awake - before), "asleep", Long.toString(asleep - before),
                        "awakeActors", Integer.toString(awakeActors),
                        "asleepActors", Integer.toString(troupe.stats().activeActors()));
            });
            double awake = Double.parseDouble(result.get("awake")) / CONNECTIONS;
            double asleep = Double.parseDouble(result.get("asleep")) / CONNECTIONS;
            String n = String.format(Locale.ROOT, "%,d", CONNECTIONS);
            findings.row(Row.of("Server heap per WebSocket on a hibernating actor, " + n + " open", asleep, "B")
                            .against("the same WebSocket on an awake actor", awake)
                            .target(Target.atMost(awake * AT_MOST_OF_AWAKE)))
                    .row(Row.of("What hibernation saves per connection (awake less hibernating), " + n + " open",
                            awake - asleep, "B"))
                    .note(String.format(Locale.ROOT, "One connection per actor (the demo counter), subscribed to "
                                    + "newCount; used heap after GC above the heap before the client connected, so each "
                                    + "figure includes the server's socket, session and connection. Actors awake at the "
                                    + "first measurement: %s, at the second: %s. Clients in a child JVM; opening took "
                                    + "%s s.", result.get("awakeActors"), result.get("asleepActors"),
                            result.get("openSeconds")));
        } finally {
            troupe.close();
        }
        return findings;
    }
}
