package dev.troupe.cluster;

import dev.troupe.testing.crash.CallLedger;
import java.io.IOException;
import java.net.URI;
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
    private final List<String> keys;
    private final CallLedger ledger;
    private final HttpCalls http = new HttpCalls();
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
        try {
            HttpCalls.Answer answer = http.post(node, key, "increment", "[1]");
            return answer.ok() ? CallLedger.Outcome.ack(answer.body().path("output").asLong())
                    : CallLedger.Outcome.failure(answer.error());
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
            thread.join(Duration.ofSeconds(30));
        }
        http.close();
    }
}
