package dev.troupe.spring;

import dev.troupe.Troupe;

/**
 * Adjusts the runtime's builder before the starter builds it: limits, timeouts, the clock, or types
 * registered by code. Every bean of this type runs, in {@link org.springframework.core.annotation.Order}
 * order, after the store from {@code troupe.store} and the {@link ActorRegistration} beans are set.
 * The store is the starter's: a customizer must not replace it.
 */
@FunctionalInterface
public interface TroupeBuilderCustomizer {
    /** Adjusts {@code builder}. */
    void customize(Troupe.Builder builder);
}
