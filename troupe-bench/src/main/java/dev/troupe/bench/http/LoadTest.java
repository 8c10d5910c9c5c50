package dev.troupe.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.troupe.bench.harness.Latencies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./troupe bench http --url URL}: a closed-loop load test of a running server. Each client owns
 * a keep-alive connection and increments fresh counters, chosen at random, as fast as answers come;
 * once every client has had its first answer (or failure) and a warm-up has passed, a window measures
 * throughput and latency. Then every counter is read back and
 * checked against what the clients were told (see {@link KeyLedger}), so a deployment that loses or
 * repeats acknowledged writes fails the test, however fast it is.
 */
public final class LoadTest {
    private static final Logger LOG = LoggerFactory.getLogger(LoadTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCREMENT = "{\"args\":[1]}";
    private static final int MAX_PROBLEMS = 20;
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(50);

    private final LoadTestOptions options;
    private final Endpoint endpoint;
    private final String headers;
    private final List<KeyLedger> ledgers;
    private final List<byte[]> increments;
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder windowCalls = new LongAdder();
    private volatile @Nullable Latencies window;
    private final CountDownLatch started;
    private volatile boolean running = true;

    private LoadTest(LoadTestOptions options) {
        if (options.clients < 1 || options.keys < 1 || options.seconds < 1 || options.warmUpSeconds < 0) {
            throw new IllegalArgumentException("--clients, --keys and --seconds must be at least 1, --warm-up-seconds at least 0");
        }
        this.options = options;
        this.started = new CountDownLatch(options.clients);
        this.endpoint = Endpoint.of(options.url);
        String token = options.bearer();
        this.headers = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
        String run = "load-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        this.ledgers = KeyLedger.of(IntStream.range(0, options.keys).mapToObj(i -> run + "-" + i).toList());
        this.increments = ledgers.stream().map(ledger -> RawHttpConnection.post(endpoint.hostHeader(),
                endpoint.actionPath(options.type, options.action, ledger.key()), INCREMENT, headers)).toList();
    }

    /**
     * Runs the load test and prints its result: a table, or JSON with {@code --json}.
     *
     * @return the exit code: 0 if the counts added up, 1 if they did not or no call succeeded, 2 if the
     *         options are unusable
     */
    public static int execute(LoadTestOptions options, PrintWriter out, PrintWriter err) throws InterruptedException {
        LoadTestResult result;
        try {
            result = run(options);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        if (options.json) {
            try {
                out.println(JSON.writeValueAsString(result));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        } else {
            result.print(out);
        }
        return result.passed() ? 0 : 1;
    }

    /**
     * Runs the load test of {@code ./troupe bench http --url url} with {@code clients} on the default
     * 1,000 fresh counters of the demo's {@code counter}, for a benchmark that watches the server
     * meanwhile (the {@code startup} benchmark samples its memory).
     *
     * @return the increments per second of the measured window
     * @throws IllegalStateException if the counts did not add up or no call succeeded
     */
    public static double incrementsPerSecond(URI url, int clients, int warmUpSeconds, int seconds)
            throws InterruptedException {
        LoadTestOptions options = new LoadTestOptions();
        options.url = url;
        options.clients = clients;
        options.keys = 1000;
        options.warmUpSeconds = warmUpSeconds;
        options.seconds = seconds;
        LoadTestResult result = run(options);
        if (!result.passed()) {
            throw new IllegalStateException("the load test of " + url + " failed its check: " + result.problems());
        }
        return result.perSecond();
    }

    /**
     * Runs the load test that {@code options} describe.
     *
     * @throws IllegalArgumentException if the options are unusable (bad URL, non-positive sizes)
     */
    static LoadTestResult run(LoadTestOptions options) throws InterruptedException {
        return new LoadTest(options).run();
    }

    private LoadTestResult run() throws InterruptedException {
        LOG.info("Load test of {} ({}.{}): {} clients on {} fresh keys, {} s warm-up, {} s window", options.url,
                options.type, options.action, options.clients, options.keys, options.warmUpSeconds, options.seconds);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < options.clients; i++) {
            clients.add(Thread.ofVirtual().name("load-client-" + i).start(this::callUntilStopped));
        }
        started.await();
        Thread.sleep(Duration.ofSeconds(options.warmUpSeconds));
        Latencies latencies = new Latencies();
        long callsBefore = windowCalls.sum();
        window = latencies;
        long start = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(options.seconds));
        window = null;
        double seconds = (System.nanoTime() - start) / 1e9;
        long calls = windowCalls.sum() - callsBefore;
        running = false;
        for (Thread client : clients) {
            client.join();
        }
        LOG.info("Load done; reading back {} counters", ledgers.size());
        Problems problems = new Problems();
        check(problems);
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
        return new LoadTestResult(options.url.toString(), options.type + "." + options.action, options.clients,
                options.keys, options.warmUpSeconds, options.seconds, calls, calls / seconds,
                latencies.quantileMillis(0.50), latencies.quantileMillis(0.90), latencies.quantileMillis(0.99),
                latencies.quantileMillis(0.999), byStatus, ioErrors.sum(),
                ledgers.stream().mapToLong(KeyLedger::acknowledgedCount).sum(),
                ledgers.stream().mapToLong(KeyLedger::inDoubtCount).sum(), problems.count, problems.first);
    }

    /** One client: a connection of its own, reopened after an I/O error, until the load stops. */
    private void callUntilStopped() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        while (running) {
            try (RawHttpConnection connection = new RawHttpConnection(endpoint.address(), endpoint.sockets())) {
                while (running) {
                    int index = ThreadLocalRandom.current().nextInt(ledgers.size());
                    KeyLedger ledger = ledgers.get(index);
                    body.reset();
                    long begin = System.nanoTime();
                    int status;
                    try {
                        status = connection.exchange(increments.get(index), body);
                    } catch (IOException e) {
                        ledger.inDoubt();
                        throw e;
                    } finally {
                        started.countDown();
                    }
                    long elapsed = System.nanoTime() - begin;
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    Long count = status == 200 ? output(body) : null;
                    if (count == null) {
                        ledger.inDoubt();
                        continue;
                    }
                    ledger.acknowledged(count);
                    Latencies measuring = window;
                    if (measuring != null) {
                        measuring.record(elapsed);
                        windowCalls.increment();
                    }
                }
            } catch (IOException e) {
                started.countDown();
                ioErrors.increment();
                LOG.debug("a load-test connection failed; reconnecting", e);
                pauseBeforeReconnecting();
            }
        }
    }

    /** Keeps a client whose server refuses connections from spinning. */
    private void pauseBeforeReconnecting() {
        try {
            Thread.sleep(RECONNECT_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Reads every counter back with one connection and checks it against its ledger. */
    private void check(Consumer<String> problems) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        RawHttpConnection connection = null;
        try {
            for (KeyLedger ledger : ledgers) {
                byte[] read = RawHttpConnection.post(endpoint.hostHeader(),
                        endpoint.actionPath(options.type, options.read, ledger.key()), "{}", headers);
                body.reset();
                Long count = null;
                try {
                    if (connection == null) {
                        connection = new RawHttpConnection(endpoint.address(), endpoint.sockets());
                    }
                    int status = connection.exchange(read, body);
                    count = status == 200 ? output(body) : null;
                    if (count == null) {
                        problems.accept(ledger.key() + ": reading the count answered HTTP " + status + " "
                                + body.toString(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    problems.accept(ledger.key() + ": reading the count failed: " + e.getMessage());
                    closeQuietly(connection);
                    connection = null;
                }
                if (count != null) {
                    ledger.check(count, problems);
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(@Nullable RawHttpConnection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (IOException e) {
            LOG.debug("closing a load-test connection failed", e);
        }
    }

    /** The first {@value #MAX_PROBLEMS} problems found, and how many there were. */
    private static final class Problems implements Consumer<String> {
        private final List<String> first = new ArrayList<>();
        private long count;

        @Override
        public void accept(String problem) {
            if (count++ < MAX_PROBLEMS) {
                first.add(problem);
            }
        }
    }

    /** The integer {@code output} of an action's answer, or null if the body is not one. */
    private static @Nullable Long output(ByteArrayOutputStream body) {
        try {
            JsonNode output = JSON.readTree(body.toByteArray()).path("output");
            return output.canConvertToLong() && output.isIntegralNumber() ? output.longValue() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
