package dev.troupe;

import dev.troupe.definition.ActorDefinition;
import java.time.Duration;

/**
 * Default type options and the definitions of Java actor classes, for white-box tests of the runtime
 * package (both are package-private in {@code dev.troupe}).
 */
public final class TestTypes {
    private TestTypes() {
    }

    /** The options a type registered without changes gets (sleep after 60 s). */
    public static TypeOptions defaults() {
        return new TypeOptions(Duration.ofSeconds(60), false);
    }

    /** The definition {@code Troupe.Builder.register} makes of a Java actor class. */
    public static ActorDefinition definitionOf(Class<? extends Actor<?>> implementation) {
        return ClassDefinition.of(implementation);
    }
}
