package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import dev.troupe.testing.Looper;
import dev.troupe.testing.LooperActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run loop on the kit's clock: {@code next}'s timeout, idle sleep while the loop waits, and the
 * loop's {@code keepAwake} and {@code waitUntil}.
 */
@Timeout(60)
class RunLoopClockTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(LooperActor.class, type -> LooperActor.options(type.sleepAfter(Duration.ofMinutes(10)))).start();

    @AfterEach
    void close() {
        kit.close();
    }

    private Looper started(String key) {
        Looper looper = kit.actor(Looper.class, Key.of(key));
        looper.touch();
        Awaitility.await().atMost(WAIT).until(() -> LooperActor.count(key, "started") == 1);
        return looper;
    }

    private void processed(Looper looper, List<String> texts) {
        Awaitility.await().atMost(WAIT).until(() -> looper.seen().equals(texts));
    }

    @Test
    void next_returnsEmptyAfterItsTimeout_onTheKitsClock() {
        started("timeouts");

        kit.clock().advance(LooperActor.TIMEOUT.minusMinutes(1));
        assertThat(LooperActor.count("timeouts", "timeout")).isZero();

        kit.clock().advance(Duration.ofMinutes(1));
        Awaitility.await().atMost(WAIT).until(() -> LooperActor.count("timeouts", "timeout") == 1);
    }

    @Test
    void aLoopWaitingForMessages_doesNotKeepTheActorAwake() {
        started("idle");

        kit.clock().advance(Duration.ofMinutes(11));

        assertThat(kit.troupe().stats().activeActors()).isZero();
        Awaitility.await().atMost(WAIT).until(() -> LooperActor.count("idle", "stopped") == 1);
    }

    @Test
    void keepAwake_fromTheLoop_holdsOffIdleSleepForItsDuration() {
        Looper looper = started("awake");
        kit.ref(Looper.class, Key.of("awake")).enqueue(LooperActor.QUEUE, Map.of("text", "stay", "keepAwakeMinutes", 60));
        processed(looper, List.of("stay"));

        kit.clock().advance(Duration.ofMinutes(30));
        assertThat(kit.troupe().stats().activeActors()).isEqualTo(1);

        kit.clock().advance(Duration.ofMinutes(31));
        assertThat(kit.troupe().stats().activeActors()).isZero();
    }

    @Test
    void waitUntil_fromTheLoop_keepsTheActorAwakeUntilTheWorkCompletes() {
        Looper looper = started("work");
        kit.ref(Looper.class, Key.of("work")).enqueue(LooperActor.QUEUE, Map.of("text", "upload", "waitFor", "work-upload"));
        processed(looper, List.of("upload"));

        kit.clock().advance(Duration.ofMinutes(30));
        assertThat(kit.troupe().stats().activeActors()).isEqualTo(1);

        CompletableFuture<Void> work = LooperActor.WORK.get("work-upload");
        work.complete(null);
        kit.clock().advance(Duration.ofMinutes(11));
        assertThat(kit.troupe().stats().activeActors()).isZero();
    }
}
