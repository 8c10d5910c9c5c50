package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The strategy's backoff and its checks, as pure functions. */
class SupervisorStrategyTest {

    @Test
    void backoff_doublesFromTheMinimum_upToTheMaximum() {
        SupervisorStrategy strategy = SupervisorStrategy.restart()
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500), 0);

        assertThat(strategy.backoffFor(1, 0.9)).isEqualTo(Duration.ofMillis(100));
        assertThat(strategy.backoffFor(2, 0.9)).isEqualTo(Duration.ofMillis(200));
        assertThat(strategy.backoffFor(3, 0.9)).isEqualTo(Duration.ofMillis(400));
        assertThat(strategy.backoffFor(4, 0.9)).isEqualTo(Duration.ofMillis(500));
        assertThat(strategy.backoffFor(1_000, 0.9)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitter_stretchesEachDelayByAtMostItsFactor() {
        SupervisorStrategy strategy = SupervisorStrategy.restart()
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 0.5);

        assertThat(strategy.backoffFor(2, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(strategy.backoffFor(2, 0.5)).isEqualTo(Duration.ofMillis(2_500));
        assertThat(strategy.backoffFor(2, 0.999_999)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void factories_setTheDirectiveAndScope_andKeepTheOtherSettings() {
        SupervisorStrategy restartAll = SupervisorStrategy.restartAll().maxRestarts(3, Duration.ofSeconds(30))
                .fromInitialState();

        assertThat(restartAll.directive()).isEqualTo(SupervisorStrategy.Directive.RESTART);
        assertThat(restartAll.allForOne()).isTrue();
        assertThat(restartAll.restartsFromInitialState()).isTrue();
        assertThat(restartAll.maxRestarts()).isEqualTo(3);
        assertThat(restartAll.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SupervisorStrategy.restart().allForOne()).isFalse();
        assertThat(SupervisorStrategy.stop().directive()).isEqualTo(SupervisorStrategy.Directive.STOP);
        assertThat(SupervisorStrategy.escalate().directive()).isEqualTo(SupervisorStrategy.Directive.ESCALATE);
        assertThat(SupervisorStrategy.resume().directive()).isEqualTo(SupervisorStrategy.Directive.RESUME);
    }

    @Test
    void badSettings_failAsInvalidRegistrations() {
        SupervisorStrategy strategy = SupervisorStrategy.restart();

        assertThatThrownBy(() -> strategy.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_REGISTRATION)).isTrue());
        assertThatThrownBy(() -> strategy.backoff(Duration.ZERO, Duration.ZERO, 1.5))
                .isInstanceOf(TroupeException.class);
        assertThatThrownBy(() -> strategy.maxRestarts(-1, Duration.ofSeconds(1))).isInstanceOf(TroupeException.class);
        assertThatThrownBy(() -> strategy.maxRestarts(1, Duration.ZERO)).isInstanceOf(TroupeException.class);
    }
}
