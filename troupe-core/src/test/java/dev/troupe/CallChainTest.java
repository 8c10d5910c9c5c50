package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.testing.Relay;
import dev.troupe.testing.RelayActor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallChainTest {
    private final Troupe troupe = TroupeTestSupport.memory();
    private final String slowKey = "slow-" + java.util.UUID.randomUUID();

    @AfterEach
    void close() {
        RelayActor.gate(slowKey).countDown();
        troupe.close();
    }

    @Test
    void callsBetweenActors_useTypedHandles() {
        Relay a = troupe.actor(Relay.class, Key.of("a"));

        assertThat(a.forward(List.of("b", "c"))).isEqualTo("a>b>c");
    }

    @Test
    void cycle_aToBToA_failsFastWithCallCycle() {
        Relay a = troupe.actor(Relay.class, Key.of("a"));
        long started = System.nanoTime();

        assertThatThrownBy(() -> a.forward(List.of("b", "a")))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.CALL_CYCLE)).isTrue();
                    assertThat(e.getMessage()).contains("test-relay/[\"a\"] -> test-relay/[\"b\"] -> test-relay/[\"a\"]");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(a.forward(List.of("b"))).isEqualTo("a>b");
    }

    @Test
    void selfCall_failsWithCallCycle() {
        Relay a = troupe.actor(Relay.class, Key.of("self"));

        assertThatThrownBy(() -> a.forward(List.of("self")))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.CALL_CYCLE)).isTrue());
    }

    @Test
    void slowCall_failsWithTimeout_andActorRecovers() {
        Relay slow = troupe.ref(Relay.class, Key.of(slowKey)).withTimeout(Duration.ofMillis(200)).getOrCreate();

        assertThatThrownBy(slow::waitForGate)
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.TIMEOUT)).isTrue();
                    assertThat(e.error().metadata()).containsEntry("timeoutMs", 200L);
                });
        RelayActor.gate(slowKey).countDown();
        assertThat(troupe.actor(Relay.class, Key.of(slowKey)).forward(List.of())).isEqualTo(slowKey);
    }
}
