package dev.troupe.statechart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The named guards and actions a machine definition refers to, as XState's {@code setup({guards,
 * actions})} provides them. A definition that names a guard or action missing here is refused when the
 * machine is built.
 *
 * <p>Functions are called during {@link Statecharts#transition}, on the caller's thread, and must be
 * pure: the engine may call them again for the same snapshot (a retried turn). Immutable once built;
 * thread-safe.
 */
public final class Implementations {
    /** A named guard: whether a transition is enabled for this context and event. */
    @FunctionalInterface
    public interface Guard {
        /** Must not modify its arguments. */
        boolean test(ObjectNode context, ObjectNode event);
    }

    /** The function of a named assign: the new context. */
    @FunctionalInterface
    public interface Assigner {
        /** Receives a private copy of the context, which it may change and return. */
        ObjectNode assign(ObjectNode context, ObjectNode event);
    }

    /** Makes the event of a raise, send or emit, with a string {@code type}. */
    @FunctionalInterface
    public interface EventFactory {
        /** Must not modify its arguments. */
        ObjectNode create(ObjectNode context, ObjectNode event);
    }

    /** Names the actor a {@code sendTo} addresses. */
    @FunctionalInterface
    public interface Addressee {
        /** Must not modify its arguments. */
        String to(ObjectNode context, ObjectNode event);
    }

    /** Makes the initial context from the machine's input, as XState's {@code context: ({input}) => ...}. */
    @FunctionalInterface
    public interface ContextFactory {
        /** Receives a private copy of the definition's {@code context} and the input ({@code null} if none). */
        ObjectNode create(ObjectNode definedContext, JsonNode input);
    }

    private final Map<String, Guard> guards;
    private final Map<String, ActionImpl> actions;
    private final ContextFactory contextFactory;

    private Implementations(Builder builder) {
        this.guards = Map.copyOf(builder.guards);
        this.actions = Map.copyOf(builder.actions);
        this.contextFactory = builder.contextFactory;
    }

    /** A registry without guards or actions. */
    public static Implementations none() {
        return builder().build();
    }

    /** Starts an empty registry. */
    public static Builder builder() {
        return new Builder();
    }

    Guard guard(String name) {
        return guards.get(name);
    }

    ActionImpl action(String name) {
        return actions.get(name);
    }

    ContextFactory contextFactory() {
        return contextFactory;
    }

    /** Collects the implementations; a name may be registered once. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Guard> guards = new LinkedHashMap<>();
        private final Map<String, ActionImpl> actions = new LinkedHashMap<>();
        private ContextFactory contextFactory = (defined, input) -> defined;

        private Builder() {}

        /** A named guard. */
        public Builder guard(String name, Guard guard) {
            put(guards, name, guard);
            return this;
        }

        /** A named assign: replaces the context with what {@code assigner} returns. */
        public Builder assign(String name, Assigner assigner) {
            return action(name, new ActionImpl.AssignImpl(assigner));
        }

        /** A named raise: puts the event on the internal queue, processed in the same macrostep. */
        public Builder raise(String name, EventFactory event) {
            return action(name, new ActionImpl.RaiseImpl(event));
        }

        /** A named send to another actor, performed by the host ({@link Action.SendTo}). */
        public Builder sendTo(String name, Addressee to, EventFactory event) {
            return action(name, new ActionImpl.SendToImpl(to, event));
        }

        /** A named send to the parent actor, performed by the host ({@link Action.SendParent}). */
        public Builder sendParent(String name, EventFactory event) {
            return action(name, new ActionImpl.SendParentImpl(event));
        }

        /** A named emit to the machine's listeners, performed by the host ({@link Action.Emit}). */
        public Builder emit(String name, EventFactory event) {
            return action(name, new ActionImpl.EmitImpl(event));
        }

        /** A named side effect that the host performs ({@link Action.Effect}); the engine only reports it. */
        public Builder effect(String name) {
            return action(name, ActionImpl.EffectImpl.INSTANCE);
        }

        /** How the initial context is made from the input; by default the definition's {@code context}. */
        public Builder context(ContextFactory factory) {
            this.contextFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** The immutable registry. */
        public Implementations build() {
            return new Implementations(this);
        }

        private Builder action(String name, ActionImpl impl) {
            put(actions, name, impl);
            return this;
        }

        private static <T> void put(Map<String, T> map, String name, T value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "implementation");
            if (map.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("'" + name + "' is already registered");
            }
        }
    }
}
