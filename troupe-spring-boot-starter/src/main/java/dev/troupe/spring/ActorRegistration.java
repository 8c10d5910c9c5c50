package dev.troupe.spring;

import dev.troupe.Actor;
import dev.troupe.Troupe;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActorDefinition;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One actor type for the starter to register, declared as a bean. Troupe makes a new actor object for
 * every activation (when an actor is created or woken), so an actor is never a Spring bean itself: a
 * bean names its class, with its {@link TypeOptions}.
 *
 * {@snippet :
 * @Bean
 * ActorRegistration counter() {
 *     return ActorRegistration.of(CounterActor.class, type -> type.allow(CallerType.CLIENT));
 * }
 * }
 *
 * <p>An actor that needs Spring beans is written as an {@link ActorDefinition}: its
 * {@link ActorDefinition#newBehaviour()} is the factory Troupe calls per activation, and a definition
 * bean may be given any beans it hands to its behaviours. A definition that is itself a bean is
 * registered with its own options; to add options, register a definition that is not a bean with
 * {@link #of(ActorDefinition, Consumer)} instead (registering one twice fails, as its type name repeats).
 */
public final class ActorRegistration {
    private final Consumer<Troupe.Builder> register;

    private ActorRegistration(Consumer<Troupe.Builder> register) {
        this.register = register;
    }

    /** Registers {@code actorClass} with default options: system and service callers only. */
    public static ActorRegistration of(Class<? extends Actor<?>> actorClass) {
        return of(actorClass, type -> { });
    }

    /** Registers {@code actorClass}, adjusting its options (access rules, durability, sleep...). */
    public static ActorRegistration of(Class<? extends Actor<?>> actorClass, Consumer<TypeOptions> configure) {
        Objects.requireNonNull(actorClass, "actorClass");
        Objects.requireNonNull(configure, "configure");
        return new ActorRegistration(builder -> builder.register(actorClass, configure));
    }

    /** Registers {@code definition}, adjusting its options after the definition's own. */
    public static ActorRegistration of(ActorDefinition definition, Consumer<TypeOptions> configure) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(configure, "configure");
        return new ActorRegistration(builder -> builder.register(definition, configure));
    }

    void registerOn(Troupe.Builder builder) {
        register.accept(builder);
    }
}
