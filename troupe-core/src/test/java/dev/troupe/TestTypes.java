package dev.troupe;

import dev.troupe.runtime.ActorType;
import java.time.Duration;

/** Actor types with default options, for white-box tests of the runtime package. */
public final class TestTypes {
    private TestTypes() {
    }

    /** The type of {@code implementation} with default options (sleep after 60 s). */
    public static ActorType of(Class<? extends Actor<?>> implementation) {
        return ActorType.of(implementation, new TypeOptions(Duration.ofSeconds(60)));
    }
}
