package dev.troupe.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import dev.troupe.testing.crash.CallLedger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Clients spread over the nodes of a cluster: virtual threads that increment counters by 1 over HTTP,
 * the counters in turn (so every one is called each round), each call through a random node of those
 * currently up, recording every call in a
 * {@link CallLedger}. Bounded: it stops when told or after {@code maxDuration}.
 */
final class ClusterLoad implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final List<String> keys;
    private final CallLedger ledger;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLongArray acksByKey;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final long deadline;
    private volatile List<URI> nodes;
    private volatile boolean running = true;

    ClusterLoad(List<String> keys, List<URI> nodes, CallLedger ledger, int clients, Duration maxDuration) {
        this.keys = List.copyOf(keys);
        this.nodes = List.copyOf(nodes);
        this.ledger = ledger;
        this.acksByKey = new AtomicLongArray(keys.size());
        this.deadline = System.nanoTime() + maxDuration.toNanos();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().name("cluster-client-" + i).start(this::run));
        }
    }

    /** From now on, calls go only through these nodes. */
    void nodes(List<URI> value) {
        this.nodes = List.copyOf(value);
    }

    /** Acknowledged increments per key so far, in key order. */
    long[] acksByKey() {
        long[] copy = new long[keys.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = acksByKey.get(i);
        }
        return copy;
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running && System.nanoTime() < deadline) {
            int index = (int) (next.getAndIncrement() % keys.size());
            List<URI> through = nodes;
            URI node = through.get(random.nextInt(through.size()));
            String key = keys.get(index);
            ledger.recordSent(key);
            CallLedger.Outcome outcome = increment(node, key);
            ledger.recordOutcome(key, outcome);
            if (outcome.acked()) {
                acksByKey.incrementAndGet(index);
            }
        }
    }

    private CallLedger.Outcome increment(URI node, String key) {
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/v1/actors/test-counter/actions/increment?key=" + key))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[1]}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.mapper().readTree(response.body());
            if (response.statusCode() == 200) {
                return CallLedger.Outcome.ack(body.path("output").asLong());
            }
            return CallLedger.Outcome.failure(body.path("group").asText("http") + "/"
                    + body.path("code").asText(Integer.toString(response.statusCode())));
        } catch (IOException e) {
            return CallLedger.Outcome.failure("transport/" + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallLedger.Outcome.failure("transport/interrupted");
        }
    }

    /** Stops the clients and waits for their last calls. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(CALL_TIMEOUT.plusSeconds(5));
        }
        http.close();
    }
}
