package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Leaky;
import dev.troupe.testing.LeakyActor;
import org.junit.jupiter.api.Test;

/**
 * A fault in actor code reaches an in-process caller as {@code actor/internal_error} with the generic
 * message only: nothing of the exception (message, class, cause) crosses. Over HTTP and WebSocket:
 * troupe-server's {@code InternalErrorOnTheWireTest}.
 */
class InternalErrorTest {

    @Test
    void faultInAnAction_reachesTheCallerAsTheGenericInternalError() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(LeakyActor.class).build()) {
            Leaky leaky = troupe.actor(Leaky.class, Key.of("k"));

            TroupeException thrown = catchThrowableOfType(TroupeException.class, leaky::fail);

            assertThat(thrown.error()).isEqualTo(new ActorError("actor", "internal_error",
                    "internal error in test-leaky/[\"k\"]; see the server log", java.util.Map.of()));
            assertThat(thrown.status()).isEqualTo(500);
            assertThat(thrown.getCause()).isNull();
            assertThat(thrown.getSuppressed()).isEmpty();
            assertThat(thrown.getMessage()).doesNotContain("hunter2", "IllegalStateException");
        }
    }
}
