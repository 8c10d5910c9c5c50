package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.sqlite.SqliteStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash over HTTP: the demo server process is killed with SIGKILL while many clients increment
 * counters over HTTP; after a restart on the same data directory every increment that got a 200 is
 * there (acked <= persisted <= sent). Two cycles on the same database.
 */
class HttpCrashTest {
    private static final int CYCLES = 2;
    private static final int KEYS = 10;
    private static final int CLIENTS = 32;
    private static final int ACKS_BEFORE_KILL = 800;
    private static final Pattern SERVING = Pattern.compile("Troupe demo serving at (http://\\S+)/");

    @TempDir
    Path dir;

    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> maxAcked = new ConcurrentHashMap<>();

    @Test
    void serverKilledDuringHttpIncrements_keepsEveryAcknowledgedIncrement() throws Exception {
        Path store = dir.resolve("data");
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            loadAndKill(store, cycle);
            try (Troupe troupe = DemoActors.register(Troupe.builder().store(SqliteStore.open(store))).build()) {
                for (int k = 0; k < KEYS; k++) {
                    String key = "k" + k;
                    long persisted = troupe.actor(Counter.class, Key.of("crash", key)).count();
                    assertThat(persisted).as("cycle %d, %s: acknowledged <= persisted", cycle, key)
                            .isGreaterThanOrEqualTo(maxAcked.getOrDefault(key, new AtomicLong()).get());
                    assertThat(persisted).as("cycle %d, %s: persisted <= sent", cycle, key)
                            .isLessThanOrEqualTo(sent.getOrDefault(key, new AtomicLong()).get());
                }
            }
        }
        assertThat(maxAcked.values().stream().mapToLong(AtomicLong::get).sum()).isPositive();
    }

    private void loadAndKill(Path store, int cycle) throws Exception {
        Path log = dir.resolve("server-" + cycle + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(),
                "--port", "0", "--store", store.toString(), "--web", dir.resolve("no-web").toString())
                .redirectError(log.toFile())
                .start();
        try {
            URI base = awaitUrl(server, log);
            CountDownLatch acked = new CountDownLatch(ACKS_BEFORE_KILL);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.submit(() -> increment(http, base, client, acked));
                }
                assertThat(acked.await(60, TimeUnit.SECONDS)).as("%d increments acknowledged before the kill",
                        ACKS_BEFORE_KILL).isTrue();
                server.toHandle().destroyForcibly();
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                clients.shutdownNow();
            }
        } finally {
            server.toHandle().destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    private void increment(HttpClient http, URI base, int client, CountDownLatch acked) {
        for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
            String key = "k" + ((client + i) % KEYS);
            HttpRequest request = HttpRequest.newBuilder(base.resolve(
                            "/v1/actors/counter/actions/increment?key=crash&key=" + key))
                    .timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"args\":[1]}"))
                    .build();
            sent.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("increment answered " + response.statusCode() + ": " + response.body());
            }
            long value = Long.parseLong(response.body().replaceAll("\\D", ""));
            maxAcked.computeIfAbsent(key, k -> new AtomicLong()).accumulateAndGet(value, Math::max);
            acked.countDown();
        }
    }

    private static URI awaitUrl(Process server, Path log) throws Exception {
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = SERVING.matcher(line);
                    if (matcher.find()) {
                        url.complete(URI.create(matcher.group(1)));
                    }
                }
                url.completeExceptionally(new IllegalStateException("the server ended: " + Files.readString(log)));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        });
        return url.get(60, TimeUnit.SECONDS);
    }
}
