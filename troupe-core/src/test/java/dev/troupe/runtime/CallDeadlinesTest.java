package dev.troupe.runtime;

import dev.troupe.host.Address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Call timeouts by sweep: every expired call fails with actor/timeout, however calls interleave. */
@Timeout(60)
class CallDeadlinesTest {
    private static final Address ADDRESS = new Address("counter", Key.of("a"));

    private final RuntimeTimers timers = new RuntimeTimers(TimeSource.system());
    private final CallDeadlines deadlines = new CallDeadlines(timers);

    @AfterEach
    void stop() {
        timers.close();
    }

    @Test
    void aShortTimeout_amongLongOnes_stillFires() throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> longOnes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                CompletableFuture<String> reply = new CompletableFuture<>();
                longOnes.add(reply);
                callers.submit(() -> deadlines.await(reply, Duration.ofHours(1), ADDRESS));
            }
            CompletableFuture<String> reply = new CompletableFuture<>();
            assertThatThrownBy(() -> deadlines.await(reply, Duration.ofMillis(50), ADDRESS))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.TIMEOUT)).isTrue());
            longOnes.forEach(r -> r.complete("done"));
            assertThat(longOnes).noneMatch(CompletableFuture::isCompletedExceptionally);
        }
    }

    @Test
    void answeredCalls_neverTimeOut() throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                CompletableFuture<String> reply = new CompletableFuture<>();
                answers.add(callers.submit(() -> deadlines.await(reply, Duration.ofMillis(200), ADDRESS)));
                reply.complete("answer");
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("answer");
            }
        }
    }

    @Test
    void callsRegisteredWhileSweepsRun_allTimeOut() throws Exception {
        int threads = 16;
        int perThread = 200;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> timedOut = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                timedOut.add(callers.submit(() -> {
                    int count = 0;
                    for (int i = 0; i < perThread; i++) {
                        try {
                            deadlines.await(new CompletableFuture<>(), Duration.ofMillis(1 + i % 3), ADDRESS);
                        } catch (TroupeException e) {
                            count += e.is(ErrorCode.TIMEOUT) ? 1 : 0;
                        }
                    }
                    return count;
                }));
            }
            for (Future<Integer> count : timedOut) {
                assertThat(count.get()).isEqualTo(perThread);
            }
        }
    }
}
