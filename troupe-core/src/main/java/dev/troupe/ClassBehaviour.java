package dev.troupe;

import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.definition.LoopContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The behaviour of a Java actor class: one instance of the class, whose contract methods are the
 * actions and whose protected hooks are the lifecycle. It lives beside {@link Actor} so that it can
 * call those hooks while they stay protected for users.
 *
 * <p>The instance reaches its turn through {@link Actor#state()} and friends, which take no context
 * argument: every call here binds the context it was given to the running thread for the duration of
 * the call ({@link #contextOf}), and restores what was bound before, so a call that nests inside
 * another on the same thread (a view computed during a turn) sees its own context.
 */
final class ClassBehaviour implements ActorBehaviour {
    private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();
    /** Whether an actor class overrides {@link Actor#run}, looked up once per class. */
    private static final ClassValue<Boolean> RUNS_LOOP = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Actor.class; c = c.getSuperclass()) {
                try {
                    c.getDeclaredMethod("run", RunLoop.class);
                    return true;
                } catch (NoSuchMethodException e) {
                    // not declared here; look at the superclass
                }
            }
            return false;
        }
    };

    private final ClassDefinition definition;
    private final Actor<?> actor;

    /** The context bound to this thread for one actor instance. */
    private record Bound(Actor<?> actor, ActorContext context) {
    }

    ClassBehaviour(ClassDefinition definition, Actor<?> actor) {
        this.definition = definition;
        this.actor = actor;
    }

    /**
     * The context of the call running on this thread for {@code actor}.
     *
     * @throws IllegalStateException if no call of that actor runs on this thread
     */
    static ActorContext contextOf(Actor<?> actor) {
        Bound bound = CURRENT.get();
        if (bound == null || bound.actor() != actor) {
            throw new IllegalStateException(
                    "actor context used outside a turn of this actor (from another thread, or after the turn ended)");
        }
        return bound.context();
    }

    private @Nullable Bound bind(ActorContext context) {
        Bound previous = CURRENT.get();
        CURRENT.set(new Bound(actor, context));
        return previous;
    }

    private static void restore(@Nullable Bound previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** Runs a lifecycle hook with {@code context} bound. */
    private void run(ActorContext context, Runnable hook) {
        Bound previous = bind(context);
        try {
            hook.run();
        } finally {
            restore(previous);
        }
    }

    @Override
    public Object initialState(ActorContext context, Input input) {
        Bound previous = bind(context);
        try {
            Object state = actor.initialState(input);
            if (state == null) {
                throw new IllegalStateException(actor.getClass().getName() + ".initialState returned null");
            }
            return state;
        } finally {
            restore(previous);
        }
    }

    @Override
    public @Nullable Object invoke(ActorContext context, String action, Object[] args) throws Exception {
        ClassAction target = definition.action(action);
        if (target == null) {
            throw new IllegalArgumentException(definition.implementation().getName() + " has no action '" + action + "'");
        }
        Bound previous = bind(context);
        try {
            return target.invoke(actor, args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("action " + action + " of " + definition.implementation().getName()
                    + " threw " + e, e);
        } finally {
            restore(previous);
        }
    }

    @Override
    public void onCreate(ActorContext context, Input input) {
        run(context, () -> actor.onCreate(input));
    }

    @Override
    public void onWake(ActorContext context) {
        run(context, () -> actor.onWake());
    }

    @Override
    public void onSleep(ActorContext context) {
        run(context, () -> actor.onSleep());
    }

    @Override
    public void onDestroy(ActorContext context) {
        run(context, () -> actor.onDestroy());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void onStateChange(ActorContext context, Object previous, Object current) {
        run(context, () -> ((Actor) actor).onStateChange(previous, current));
    }

    @Override
    public void onChildFailed(ActorContext context, ChildFailure failure) {
        run(context, () -> actor.onChildFailed(failure));
    }

    @Override
    public void onChildFinished(ActorContext context, ChildInfo child, @Nullable Object result) {
        run(context, () -> actor.onChildFinished(child, result));
    }

    @Override
    public void onBeforeConnect(ActorContext context, Map<String, Object> params, Caller caller) {
        run(context, () -> actor.onBeforeConnect(params, caller));
    }

    @Override
    public void onConnect(ActorContext context, Connection connection) {
        run(context, () -> actor.onConnect(connection));
    }

    @Override
    public void onDisconnect(ActorContext context, Connection connection) {
        run(context, () -> actor.onDisconnect(connection));
    }

    @Override
    public void onChannelOpen(ActorContext context, Channel channel, @Nullable Object message) {
        run(context, () -> actor.onChannelOpen(channel, message));
    }

    @Override
    public void onChannelMessage(ActorContext context, Channel channel, @Nullable Object message) {
        run(context, () -> actor.onChannelMessage(channel, message));
    }

    @Override
    public void onQueueMessage(ActorContext context, String queue, @Nullable Object message) {
        run(context, () -> actor.onQueueMessage(queue, message));
    }

    @Override
    public boolean hasRunLoop() {
        return RUNS_LOOP.get(actor.getClass());
    }

    @Override
    public void run(LoopContext loop) throws Exception {
        actor.run(new BoundLoop(loop));
    }

    /**
     * The loop as the actor sees it: each message taken binds its turn's context to the loop's thread
     * (so {@code state()} and {@code update} work until the next {@code next}), and asking for the next
     * message unbinds it first.
     */
    private final class BoundLoop implements RunLoop {
        private final LoopContext loop;

        BoundLoop(LoopContext loop) {
            this.loop = loop;
        }

        @Override
        public Optional<QueueMessage> next(String queue, Duration timeout) {
            CURRENT.remove();
            return bound(loop.next(queue, timeout));
        }

        @Override
        public Optional<QueueMessage> next(Duration timeout) {
            CURRENT.remove();
            return bound(loop.next(timeout));
        }

        private Optional<QueueMessage> bound(Optional<QueueMessage> taken) {
            ActorContext turn = loop.turn();
            if (turn != null) {
                CURRENT.set(new Bound(actor, turn));
            }
            return taken;
        }

        @Override
        public boolean stopping() {
            return loop.stopping();
        }

        @Override
        public void waitUntil(CompletionStage<?> work) {
            loop.waitUntil(work);
        }

        @Override
        public void keepAwake(Duration duration) {
            loop.keepAwake(duration);
        }
    }

    @Override
    public @Nullable Workflow workflow(ActorContext context, String name) {
        Workflow workflow = actor.workflow(name);
        if (workflow == null) {
            return null;
        }
        return (flow, input) -> {
            Bound previous = bind(context);
            try {
                return workflow.run(flow, input);
            } finally {
                restore(previous);
            }
        };
    }

    @Override
    public void onChannelClosed(ActorContext context, Channel channel, ActorError reason) {
        run(context, () -> actor.onChannelClosed(channel, reason));
    }

    @Override
    public RawResponse onRequest(ActorContext context, RawRequest request) {
        Bound previous = bind(context);
        try {
            RawResponse response = actor.onRequest(request);
            if (response == null) {
                throw new IllegalStateException(actor.getClass().getName() + ".onRequest returned null");
            }
            return response;
        } finally {
            restore(previous);
        }
    }

    @Override
    public void onRawWebSocketOpen(ActorContext context, RawSocket socket) {
        run(context, () -> actor.onRawWebSocketOpen(socket));
    }

    @Override
    public void onRawWebSocketMessage(ActorContext context, RawSocket socket, String message) {
        run(context, () -> actor.onRawWebSocketMessage(socket, message));
    }

    @Override
    public void onRawWebSocketClose(ActorContext context, RawSocket socket, ActorError reason) {
        run(context, () -> actor.onRawWebSocketClose(socket, reason));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public @Nullable Object view(ActorContext context, Object state, Caller caller) {
        Bound previous = bind(context);
        try {
            return ((Actor) actor).view(state, caller);
        } finally {
            restore(previous);
        }
    }
}
