package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link TimeSource#system()} runs and cancels wake-ups. How a manual time source drives the runtime
 * is proven in troupe-testkit ({@code InjectedTimeTest}), where the manual time source lives.
 */
class SystemTimeSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void systemTimeSource_runsAWakeup_andCancelsOne() {
        CompletableFuture<String> ran = new CompletableFuture<>();
        TimeSource system = TimeSource.system();
        system.schedule(system.instant(), () -> ran.complete("ran"));
        TimeSource.Wakeup never = system.schedule(system.instant().plusSeconds(3600), () -> ran.complete("too late"));

        assertThat(ran).succeedsWithin(WAIT).isEqualTo("ran");
        assertThat(never.cancel()).isTrue();
        assertThat(never.cancel()).isFalse();
    }
}
