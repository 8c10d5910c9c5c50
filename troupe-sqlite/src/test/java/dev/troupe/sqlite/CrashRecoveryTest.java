package dev.troupe.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: a child JVM increments counters on SQLite and is killed with SIGKILL
 * mid-load; a fresh runtime on the same directory finds every acknowledged increment
 * (acked <= persisted <= sent), and the schedule set before the kill fires after the restart. Several
 * cycles on the same database.
 */
class CrashRecoveryTest {
    private static final int CYCLES = 3;
    private static final int ACKS_BEFORE_KILL = 1_500;

    @TempDir
    Path dir;

    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> maxAcked = new ConcurrentHashMap<>();

    @Test
    void killedMidLoad_losesNoAcknowledgedIncrement_andSchedulesFireAfterRestart() throws Exception {
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            runAndKill(cycle);
            try (Troupe troupe = Troupe.builder().store(SqliteStore.open(dir)).register(CounterActor.class).build()) {
                Map<String, Long> persisted = new HashMap<>();
                for (int k = 0; k < CrashWorker.KEYS; k++) {
                    String key = "k" + k;
                    persisted.put(key, troupe.actor(Counter.class, Key.of(key)).count());
                }
                for (Map.Entry<String, Long> entry : persisted.entrySet()) {
                    long acked = maxAcked.getOrDefault(entry.getKey(), new AtomicLong()).get();
                    long sentCount = sent.getOrDefault(entry.getKey(), new AtomicLong()).get();
                    assertThat(entry.getValue()).as("cycle %d, %s: acked <= persisted", cycle, entry.getKey())
                            .isGreaterThanOrEqualTo(acked);
                    assertThat(entry.getValue()).as("cycle %d, %s: persisted <= sent", cycle, entry.getKey())
                            .isLessThanOrEqualTo(sentCount);
                }
                Counter scheduled = troupe.actor(Counter.class, Key.of("sched-" + cycle));
                await("schedule of cycle " + cycle + " firing after the restart").atMost(Duration.ofSeconds(20))
                        .until(() -> scheduled.count() == 1_000_000);
            }
        }
    }

    private void runAndKill(int cycle) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process worker = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener", "-cp",
                System.getProperty("java.class.path"), CrashWorker.class.getName(), dir.toString(), String.valueOf(cycle))
                .redirectError(dir.resolve("worker-" + cycle + ".log").toFile())
                .start();
        CountDownLatch loaded = new CountDownLatch(ACKS_BEFORE_KILL);
        CountDownLatch scheduled = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> read(worker, loaded, scheduled));
        try {
            assertThat(scheduled.await(60, TimeUnit.SECONDS))
                    .as(() -> "worker " + cycle + " set its schedule; its log: " + log(cycle)).isTrue();
            assertThat(loaded.await(60, TimeUnit.SECONDS)).as("worker %d acknowledged %d increments", cycle,
                    ACKS_BEFORE_KILL).isTrue();
        } finally {
            worker.destroyForcibly();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(Duration.ofSeconds(30));
        }
        assertThat(worker.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    private String log(int cycle) {
        try {
            return java.nio.file.Files.readString(dir.resolve("worker-" + cycle + ".log"));
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }

    private void read(Process worker, CountDownLatch loaded, CountDownLatch scheduled) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "SENT" -> sent.computeIfAbsent(parts[1], k -> new AtomicLong()).incrementAndGet();
                    case "ACK" -> {
                        maxAcked.computeIfAbsent(parts[1], k -> new AtomicLong())
                                .accumulateAndGet(Long.parseLong(parts[2]), Math::max);
                        loaded.countDown();
                    }
                    case "SCHEDULED" -> scheduled.countDown();
                    default -> {
                        // Anything else is the worker's logging, not the protocol.
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the worker failed", e);
        }
    }
}
