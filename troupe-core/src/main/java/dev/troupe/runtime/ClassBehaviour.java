package dev.troupe.runtime;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Connection;
import dev.troupe.Input;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The behaviour of a Java actor class: one instance of the class, whose contract methods are the
 * actions and whose protected hooks (reached through {@link ActorHooks}) are the lifecycle. The
 * instance finds its turn through the thread it runs on ({@link Turn#current(Actor)}), so the context
 * passed to each method is not handed on.
 */
final class ClassBehaviour implements ActorBehaviour {
    private final ClassDefinition definition;
    private final Actor<?> actor;

    ClassBehaviour(ClassDefinition definition, Actor<?> actor) {
        this.definition = definition;
        this.actor = actor;
    }

    /** The actor instance, which {@link Turn#current(Actor)} checks against. */
    Actor<?> actor() {
        return actor;
    }

    @Override
    public Object initialState(ActorContext context, Input input) {
        return ActorHooks.initialState(actor, input);
    }

    @Override
    public @Nullable Object invoke(ActorContext context, String action, Object[] args) throws Exception {
        ClassAction target = definition.action(action);
        if (target == null) {
            throw new IllegalArgumentException(definition.implementation().getName() + " has no action '" + action + "'");
        }
        try {
            return target.invoke(actor, args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("action " + action + " of " + definition.implementation().getName()
                    + " threw " + e, e);
        }
    }

    @Override
    public void onCreate(ActorContext context, Input input) {
        ActorHooks.onCreate(actor, input);
    }

    @Override
    public void onWake(ActorContext context) {
        ActorHooks.onWake(actor);
    }

    @Override
    public void onSleep(ActorContext context) {
        ActorHooks.onSleep(actor);
    }

    @Override
    public void onDestroy(ActorContext context) {
        ActorHooks.onDestroy(actor);
    }

    @Override
    public void onStateChange(ActorContext context, Object previous, Object current) {
        ActorHooks.onStateChange(actor, previous, current);
    }

    @Override
    public void onBeforeConnect(ActorContext context, Map<String, Object> params, Caller caller) {
        ActorHooks.onBeforeConnect(actor, params, caller);
    }

    @Override
    public void onConnect(ActorContext context, Connection connection) {
        ActorHooks.onConnect(actor, connection);
    }

    @Override
    public void onDisconnect(ActorContext context, Connection connection) {
        ActorHooks.onDisconnect(actor, connection);
    }

    @Override
    public @Nullable Object view(ActorContext context, Object state, Caller caller) {
        return ActorHooks.view(actor, state, caller);
    }
}
