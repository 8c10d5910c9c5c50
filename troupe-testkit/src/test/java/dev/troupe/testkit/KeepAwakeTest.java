package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Actor;
import dev.troupe.ActorContract;
import dev.troupe.Input;
import dev.troupe.Key;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code waitUntil} and {@code keepAwake} hold off idle sleep, on the kit's clock. */
@Timeout(60)
class KeepAwakeTest {
    /** An actor with background work the test completes. */
    @ActorContract("test-background")
    public interface Background {
        void startWork(String name);

        void stayFor(long minutes);

        void touch();
    }

    /** Implements {@link Background}; its work is futures the test holds. */
    public static final class BackgroundActor extends Actor<BackgroundActor.State> implements Background {
        static final Map<String, CompletableFuture<Void>> WORK = new ConcurrentHashMap<>();

        /** No state to speak of. */
        public record State(int touched) {
        }

        @Override
        protected State initialState(Input input) {
            return new State(0);
        }

        @Override
        public void startWork(String name) {
            waitUntil(WORK.computeIfAbsent(name, n -> new CompletableFuture<>()));
        }

        @Override
        public void stayFor(long minutes) {
            keepAwake(Duration.ofMinutes(minutes));
        }

        @Override
        public void touch() {
            update(s -> new State(s.touched() + 1));
        }
    }

    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(BackgroundActor.class, type -> type.sleepAfter(Duration.ofMinutes(10))).start();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void waitUntil_keepsTheActorAwakeUntilItsWorkCompletes() {
        kit.actor(Background.class, Key.of("w")).startWork("upload");

        kit.clock().advance(Duration.ofMinutes(30));
        assertThat(kit.troupe().stats().activeActors()).isEqualTo(1);

        BackgroundActor.WORK.get("upload").complete(null);
        kit.clock().advance(Duration.ofMinutes(11));
        assertThat(kit.troupe().stats().activeActors()).isZero();
    }

    @Test
    void keepAwake_holdsOffIdleSleepForItsDuration_only() {
        kit.actor(Background.class, Key.of("k")).stayFor(60);

        kit.clock().advance(Duration.ofMinutes(59));
        assertThat(kit.troupe().stats().activeActors()).isEqualTo(1);

        kit.clock().advance(Duration.ofMinutes(2));
        assertThat(kit.troupe().stats().activeActors()).isZero();
    }

    @Test
    void withoutEither_theActorSleepsAfterItsIdleTimeout() {
        kit.actor(Background.class, Key.of("n")).touch();

        kit.clock().advance(Duration.ofMinutes(11));

        assertThat(kit.troupe().stats().activeActors()).isZero();
    }
}
