package dev.troupe.runtime;

import dev.troupe.Actor;
import dev.troupe.Caller;
import dev.troupe.Connection;
import dev.troupe.Input;
import java.util.Map;

/**
 * The runtime's access to an actor's protected lifecycle hooks. {@link Actor} installs the accessor
 * when its class initialises, so the hooks stay protected for users while the runtime, in another
 * package, can still call them (the "shared secrets" pattern of the JDK).
 */
public final class ActorHooks {
    private static volatile Access access;

    private ActorHooks() {
    }

    /** What {@link Actor} exposes to the runtime. Internal. */
    public interface Access {
        /** Calls {@code initialState}. */
        Object initialState(Actor<?> actor, Input input);

        /** Calls {@code onCreate}. */
        void onCreate(Actor<?> actor, Input input);

        /** Calls {@code onWake}. */
        void onWake(Actor<?> actor);

        /** Calls {@code onSleep}. */
        void onSleep(Actor<?> actor);

        /** Calls {@code onDestroy}. */
        void onDestroy(Actor<?> actor);

        /** Calls {@code onStateChange}. */
        void onStateChange(Actor<?> actor, Object previous, Object current);

        /** Calls {@code view}. */
        Object view(Actor<?> actor, Object state, Caller caller);

        /** Calls {@code onBeforeConnect}. */
        void onBeforeConnect(Actor<?> actor, Map<String, Object> params, Caller caller);

        /** Calls {@code onConnect}. */
        void onConnect(Actor<?> actor, Connection connection);

        /** Calls {@code onDisconnect}. */
        void onDisconnect(Actor<?> actor, Connection connection);
    }

    /**
     * Installs the accessor; called once by {@link Actor}'s static initialiser.
     *
     * @throws IllegalStateException if already installed
     */
    public static synchronized void install(Access accessor) {
        if (access != null) {
            throw new IllegalStateException("actor hooks are already installed");
        }
        access = accessor;
    }

    private static Access access() {
        Access current = access;
        if (current == null) {
            try {
                Class.forName(Actor.class.getName(), true, Actor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("dev.troupe.Actor is not loadable", e);
            }
            current = access;
        }
        return current;
    }

    static Object initialState(Actor<?> actor, Input input) {
        Object state = access().initialState(actor, input);
        if (state == null) {
            throw new IllegalStateException(actor.getClass().getName() + ".initialState returned null");
        }
        return state;
    }

    static void onCreate(Actor<?> actor, Input input) {
        access().onCreate(actor, input);
    }

    static void onWake(Actor<?> actor) {
        access().onWake(actor);
    }

    static void onSleep(Actor<?> actor) {
        access().onSleep(actor);
    }

    static void onDestroy(Actor<?> actor) {
        access().onDestroy(actor);
    }

    static void onStateChange(Actor<?> actor, Object previous, Object current) {
        access().onStateChange(actor, previous, current);
    }

    static Object view(Actor<?> actor, Object state, Caller caller) {
        return access().view(actor, state, caller);
    }

    static void onBeforeConnect(Actor<?> actor, Map<String, Object> params, Caller caller) {
        access().onBeforeConnect(actor, params, caller);
    }

    static void onConnect(Actor<?> actor, Connection connection) {
        access().onConnect(actor, connection);
    }

    static void onDisconnect(Actor<?> actor, Connection connection) {
        access().onDisconnect(actor, connection);
    }
}
