package dev.troupe.bench.http;

import dev.troupe.bench.harness.Latencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A closed-loop HTTP load: {@code callers} virtual threads, each with its own keep-alive connection,
 * each sending the next POST as soon as the previous answered, to one of {@code paths} drawn at random.
 * {@link #window} measures throughput and latency over a stretch of it. Every loop is bounded by the
 * window's time and by {@link #MAX_CALLS} per caller.
 */
public final class HttpLoad implements AutoCloseable {
    static final long MAX_CALLS = 5_000_000;

    /** What a window saw. */
    public record Window(double perSecond, double p50Millis, double p99Millis, long failed) {
    }

    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<@Nullable Throwable> firstFailure = new AtomicReference<>();
    private volatile Latencies latencies = new Latencies();
    private volatile boolean running = true;

    private HttpLoad() {
    }

    /** Starts the load on raw keep-alive sockets. */
    public static HttpLoad raw(InetSocketAddress address, int callers, List<String> paths, String body) {
        return raw(address, callers, paths, body, path -> "");
    }

    /**
     * Starts the load on raw keep-alive sockets, each request to {@code path} carrying {@code
     * headers.apply(path)} (header lines, each ending in CRLF).
     */
    public static HttpLoad raw(InetSocketAddress address, int callers, List<String> paths, String body,
                               java.util.function.Function<String, String> headers) {
        List<byte[]> requests = paths.stream().map(path -> RawHttpConnection.post(address, path, body, headers.apply(path)))
                .toList();
        HttpLoad load = new HttpLoad();
        for (int i = 0; i < callers; i++) {
            load.threads.add(Thread.ofVirtual().name("http-caller-" + i).start(() -> {
                try (RawHttpConnection connection = new RawHttpConnection(address)) {
                    load.loop(() -> {
                        try {
                            return connection.exchange(requests.get(ThreadLocalRandom.current().nextInt(requests.size())));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    load.fail(e);
                }
            }));
        }
        return load;
    }

    /** Starts the load on one shared {@link HttpClient} (HTTP/1.1), one virtual thread per caller. */
    static HttpLoad httpClient(InetSocketAddress address, int callers, List<String> paths, String body) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://" + address.getHostString() + ":" + address.getPort();
        List<HttpRequest> requests = paths.stream().map(path -> HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).toList();
        HttpLoad load = new HttpLoad();
        for (int i = 0; i < callers; i++) {
            load.threads.add(Thread.ofVirtual().name("httpclient-caller-" + i).start(() -> load.loop(() -> {
                try {
                    return client.send(requests.get(ThreadLocalRandom.current().nextInt(requests.size())),
                            HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            })));
        }
        return load;
    }

    private interface Call {
        int status();
    }

    private void loop(Call call) {
        for (long n = 0; running && n < MAX_CALLS; n++) {
            long start = System.nanoTime();
            int status;
            try {
                status = call.status();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (status != 200) {
                fail(new IllegalStateException("HTTP " + status));
                continue;
            }
            latencies.record(System.nanoTime() - start);
            completed.increment();
        }
    }

    private void fail(Throwable e) {
        failed.increment();
        firstFailure.compareAndSet(null, e);
    }

    /** Lets the load run for {@code settle}, then measures it for {@code window}. */
    public Window window(Duration settle, Duration window) throws InterruptedException {
        Thread.sleep(settle);
        Latencies fresh = new Latencies();
        latencies = fresh;
        long completedBefore = completed.sum();
        long failedBefore = failed.sum();
        long start = System.nanoTime();
        Thread.sleep(window);
        long done = completed.sum() - completedBefore;
        double seconds = (System.nanoTime() - start) / 1e9;
        long failures = failed.sum() - failedBefore;
        if (failures > 0 || done == 0) {
            throw new IllegalStateException(failures + " calls failed and " + done + " succeeded in the window",
                    firstFailure.get());
        }
        return new Window(done / seconds, fresh.quantileMillis(0.50), fresh.quantileMillis(0.99), failures);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(35));
        }
    }
}
