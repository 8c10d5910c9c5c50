package dev.troupe.bench.websocket;

import dev.troupe.bench.harness.Latencies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The load generator of the {@code websocket} benchmark, run in a JVM of its own so that the 10,000
 * client sockets and the 10,000 server sockets do not share one process's file-descriptor limit. It
 * prints one {@code RESULT key=value ...} line on standard output; progress goes to standard error.
 *
 * <pre>
 * pipeline URI SECONDS DEPTH            actions over one connection, DEPTH in flight, for SECONDS
 * fanout   URI CONNECTIONS BROADCASTS   CONNECTIONS subscribers, one trigger; BROADCASTS rounds
 * </pre>
 *
 * The URI decides the dialect: a Troupe {@code /connect} URI gets Troupe frames (subscribe, action),
 * anything else is the bare endpoint, which needs none. Every wait is bounded.
 */
public final class WebSocketClients {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private WebSocketClients() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[1]);
        boolean troupe = uri.getPath().contains("/connect");
        String result = switch (args[0]) {
            case "pipeline" -> pipeline(uri, troupe, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "fanout" -> fanout(uri, troupe, Integer.parseInt(args[2]), Integer.parseInt(args[3]), false);
            case "hold" -> fanout(uri, troupe, Integer.parseInt(args[2]), 0, true);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.out.println("RESULT " + result);
        System.out.flush();
        System.exit(0);
    }

    private static String action(long id) {
        return "{\"type\":\"action\",\"id\":" + id + ",\"name\":\"increment\",\"args\":[1]}";
    }

    private static String pipeline(URI uri, boolean troupe, int seconds, int depth) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(depth);
        LongAdder results = new LongAdder();
        AtomicReference<String> error = new AtomicReference<>();
        WebSocket socket = open(client, uri, text -> {
            if (text.startsWith("{\"type\":\"result\"")) {
                results.increment();
                inFlight.release();
            } else if (text.contains("\"type\":\"error\"")) {
                error.compareAndSet(null, text);
                inFlight.release();
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // Troupe answers the first frame after its welcome and takes at most 64 frames before it: one
        // action first, answered, then the pipeline.
        inFlight.acquire();
        socket.sendText(troupe ? action(0) : "A", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!inFlight.tryAcquire(depth, WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("no answer to the first action in " + WAIT);
        }
        inFlight.release(depth);
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        long before = -1;
        long start = 0;
        long id = 0;
        while (System.nanoTime() < end && id < 50_000_000L) {
            if (!inFlight.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("no result for " + WAIT);
            }
            if (before < 0 && System.nanoTime() >= warmEnd) {
                before = results.sum();
                start = System.nanoTime();
            }
            socket.sendText(troupe ? action(++id) : "A", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        long done = results.sum() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (error.get() != null) {
            throw new IllegalStateException("error frame: " + error.get());
        }
        return String.format(Locale.ROOT, "perSecond=%.1f", done / elapsed);
    }

    /**
     * Opens {@code connections} subscribed sockets, to one actor ({@code uri}) or, with {@code hold}, each
     * to an actor of its own ({@code uri} plus its number), says READY and waits for GO; then broadcasts
     * {@code broadcasts} times through a trigger socket, or with {@code hold} just reports.
     */
    private static String fanout(URI uri, boolean troupe, int connections, int broadcasts, boolean hold)
            throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(HttpClient.newHttpClient());
        }
        AtomicInteger remaining = new AtomicInteger();
        AtomicReference<CompletableFuture<Long>> allArrived = new AtomicReference<>(new CompletableFuture<>());
        AtomicInteger acks = new AtomicInteger();
        Consumer<String> subscriber = text -> {
            if (text.startsWith("{\"type\":\"event\"")) {
                if (remaining.decrementAndGet() == 0) {
                    allArrived.get().complete(System.nanoTime());
                }
            } else if (text.startsWith("{\"type\":\"result\"")) {
                acks.incrementAndGet();
            } else if (text.contains("\"type\":\"error\"")) {
                System.err.println("error frame: " + text);
            }
        };
        long openStart = System.nanoTime();
        Semaphore opening = new Semaphore(64);
        List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            if (!opening.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("connections did not open in " + WAIT);
            }
            CompletableFuture<WebSocket> socket = open(clients.get(i % clients.size()),
                    hold ? URI.create(uri + Integer.toString(i)) : uri, subscriber);
            socket.whenComplete((s, e) -> opening.release());
            opened.add(socket.thenCompose(s -> troupe
                    ? s.sendText("{\"type\":\"subscribe\",\"event\":\"newCount\",\"id\":1}", true)
                    : CompletableFuture.completedFuture(s)));
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long ackDeadline = System.nanoTime() + WAIT.toNanos();
        while (troupe && acks.get() < connections && System.nanoTime() < ackDeadline) {
            Thread.sleep(10);
        }
        if (troupe && acks.get() < connections) {
            throw new IllegalStateException(acks.get() + " of " + connections + " subscriptions acknowledged");
        }
        if (!troupe) {
            Thread.sleep(500); // the bare endpoint registers a session on open; let the last ones land
        }
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        System.err.printf(Locale.ROOT, "%d connections subscribed in %.1f s%n", connections, openSeconds);
        // The parent measures its heap with every connection open, then answers on standard input.
        System.out.println("READY");
        System.out.flush();
        CompletableFuture<String> go = CompletableFuture.supplyAsync(() -> {
            try {
                return new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        });
        go.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (hold) {
            return String.format(Locale.ROOT, "opened=%d openSeconds=%.1f", connections, openSeconds);
        }

        AtomicReference<CompletableFuture<Long>> triggerResult = new AtomicReference<>(new CompletableFuture<>());
        WebSocket trigger = open(clients.get(0), uri, text -> {
            if (text.startsWith("{\"type\":\"result\"")) {
                triggerResult.get().complete(System.nanoTime());
            } else if (text.contains("\"type\":\"error\"")) {
                triggerResult.get().completeExceptionally(new IllegalStateException(text));
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Latencies fromResult = new Latencies();
        Latencies fromSend = new Latencies();
        long worst = 0;
        for (int b = 0; b <= broadcasts; b++) { // broadcast 0 warms up and is not counted
            remaining.set(connections);
            allArrived.set(new CompletableFuture<>());
            triggerResult.set(new CompletableFuture<>());
            long sent = System.nanoTime();
            trigger.sendText(troupe ? action(b + 1) : "B", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long answered = triggerResult.get().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long arrived = allArrived.get().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (b > 0) {
                fromResult.record(arrived - answered);
                fromSend.record(arrived - sent);
                worst = Math.max(worst, arrived - answered);
            }
            Thread.sleep(100);
        }
        return String.format(Locale.ROOT, "p50=%.3f p99=%.3f max=%.3f sendP50=%.3f sendP99=%.3f openSeconds=%.1f",
                fromResult.quantileMillis(0.5), fromResult.quantileMillis(0.99), worst / 1e6,
                fromSend.quantileMillis(0.5), fromSend.quantileMillis(0.99), openSeconds);
    }

    private static CompletableFuture<WebSocket> open(HttpClient client, URI uri, Consumer<String> onText) {
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        if (last && partial.isEmpty()) {
                            onText.accept(data.toString());
                        } else {
                            partial.append(data);
                            if (last) {
                                onText.accept(partial.toString());
                                partial.setLength(0);
                            }
                        }
                        socket.request(1);
                        return null;
                    }
                });
    }
}
