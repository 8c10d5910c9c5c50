package dev.troupe;

import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A reference to one actor, from which typed handles are made and lifecycle operations run.
 *
 * <p>Immutable and thread-safe; cheap to create. Handles it returns are proxies of the contract whose
 * every call is a turn of the actor. A call returns once the turn's commit is durable (for
 * {@link Durability#STRICT} types) and throws {@link TroupeException} with the turn's error, with
 * {@code actor/timeout} after the call timeout (the turn may still complete), or with
 * {@code actor/call_cycle} if made from an actor already waiting in this call chain.
 *
 * {@snippet :
 * ActorRef<Counter> ref = troupe.ref(Counter.class, Key.of("acme", "visits"));
 * Counter counter = ref.getOrCreate();   // created on first call
 * counter.increment(1);                  // returns once durable
 * ref.destroy();                         // gone, with its schedules
 * }
 *
 * @param <C> the actor contract
 */
public final class ActorRef<C> {
    private final ActorHost host;
    private final Class<C> contract;
    private final @Nullable Address address;
    private final @Nullable String id;
    private final Caller caller;
    private final Duration timeout;

    ActorRef(ActorHost host, Class<C> contract, @Nullable Address address, @Nullable String id, Caller caller,
             Duration timeout) {
        this.host = host;
        this.contract = contract;
        this.address = address;
        this.id = id;
        this.caller = caller;
        this.timeout = timeout;
    }

    /** The same reference with another call timeout. */
    public ActorRef<C> withTimeout(Duration callTimeout) {
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + callTimeout);
        }
        return new ActorRef<>(host, contract, address, id, caller, callTimeout);
    }

    /** The same reference acting as another caller (in-process calls are {@code system} callers by default). */
    public ActorRef<C> as(Caller asCaller) {
        return new ActorRef<>(host, contract, address, id, Objects.requireNonNull(asCaller), timeout);
    }

    /** A handle whose calls fail with {@code actor/not_found} if the actor does not exist. */
    public C get() {
        return handle(CreateMode.GET, Input.none());
    }

    /** A handle whose first call creates the actor without input if it does not exist. */
    public C getOrCreate() {
        return getOrCreate(null);
    }

    /** A handle whose first call creates the actor with {@code input} if it does not exist. */
    public C getOrCreate(@Nullable Object input) {
        return handle(CreateMode.GET_OR_CREATE, Input.of(input));
    }

    /**
     * A one-way handle: each call sends a durable message to the actor and returns, with its result
     * type's default, once the message is in the outbox; it does not wait for the actor. Messages from
     * this runtime to one actor are processed once each, in the order sent, surviving crashes. The
     * actor must exist when a message reaches it, or the message becomes a dead letter (kept in the
     * store and logged). See {@code docs/messaging.md}.
     *
     * @throws TroupeException from a call: {@code message/too_large} if its arguments exceed 1 MiB of
     *                         JSON, {@code auth/forbidden} if this reference's caller may not call the
     *                         action, {@code actor/unavailable} if the store failed
     */
    public C send() {
        return host.oneWay(contract, target(), caller);
    }

    /**
     * Enqueues {@code message} (any JSON-serialisable value) to the actor's queue {@code queue} and
     * returns once it is durable; the actor's {@code onQueueMessage} processes it at least once,
     * effectively once, in order with this runtime's other messages to the actor. See
     * {@code docs/queues.md}.
     *
     * @throws TroupeException {@code queue/not_found} if the type declares no such queue,
     *                         {@code actor/not_found} if the actor does not exist,
     *                         {@code message/too_large} above 1 MiB of JSON, {@code auth/forbidden}
     *                         unless this reference's caller may {@link AccessRule#ENQUEUE}
     */
    public void enqueue(String queue, @Nullable Object message) {
        host.enqueue(target(), queue, message, caller);
    }

    /**
     * Creates the actor now, durably, and returns a handle to it.
     *
     * @throws TroupeException {@code actor/duplicate_key} if it exists
     */
    public C create(@Nullable Object input) {
        host.create(target(), Input.of(input), caller, timeout);
        return get();
    }

    /** Destroys the actor: {@code onDestroy}, then its state and schedules are removed. No-op if absent. */
    public void destroy() {
        host.destroy(target(), caller, timeout);
    }

    /**
     * What the store knows of the actor, without waking it; empty if it does not exist.
     *
     * @throws TroupeException {@code auth/forbidden} if this reference's caller may not view the actor
     */
    public Optional<ActorInfo> info() {
        return address == null ? host.resolve(id).flatMap(found -> host.info(found, caller)) : host.info(address, caller);
    }

    /**
     * The actor's view ({@code Actor.view}) for this reference's caller, once the state it shows is
     * durable. Does not create the actor.
     *
     * @throws TroupeException {@code auth/forbidden} if the caller may not view, {@code actor/not_found}
     *                         if the actor does not exist, {@code actor/timeout} after the call timeout
     */
    public @Nullable Object view() {
        return await(host.view(target(), caller, CreateMode.GET, Input.none()), "view of");
    }

    /**
     * Connects to the actor in-process (creating it if absent) and receives the named events ({@code *}
     * for all) once the turns that broadcast them are durable. The actor stays awake while connected.
     * Of a type that declares events, only those the caller may receive ({@code #event:NAME}) arrive.
     *
     * @throws TroupeException {@code event/not_found} for a name the type does not declare while it
     *                         declares events, {@code event/forbidden} for an event the caller may not
     *                         receive; nothing is connected then
     */
    public Subscription subscribe(EventListener listener, String... events) {
        HostedType type = host.type(target().type());
        for (String event : events) {
            type.checkSubscription(caller, event);
        }
        HostConnection connection = connect(new Sink(listener::onEvent, view -> { }));
        for (String event : events) {
            connection.subscribe(event);
        }
        return subscription(connection);
    }

    /**
     * Connects to the actor in-process (creating it if absent) with view sync on: after every turn that
     * changes the state, {@code listener} receives this reference's caller's view of it once durable.
     * The current view is not sent; read it with {@link #view()}. The actor stays awake while connected.
     *
     * @throws TroupeException {@code auth/forbidden} if the caller may not view or connect
     */
    public Subscription syncViews(ViewListener listener) {
        Address address = target();
        host.authorize(address, caller, AccessRule.VIEW);
        HostConnection connection = connect(new Sink((name, args) -> { }, listener));
        connection.syncViews(true);
        return subscription(connection);
    }

    private HostConnection connect(ConnectionSink sink) {
        return await(host.connect(target(), caller, Map.of(), sink, CreateMode.GET_OR_CREATE, Input.none()),
                "connect to");
    }

    private static Subscription subscription(HostConnection connection) {
        return new Subscription() {
            @Override
            public String connectionId() {
                return connection.id();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    /** Waits for an in-process request to the actor, at most this reference's timeout. */
    private <T> T await(CompletableFuture<T> reply, String what) {
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TroupeException known ? known
                    : new TroupeException(ErrorCode.INTERNAL_ERROR, what + " " + target() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new TroupeException(ErrorCode.TIMEOUT, what + " " + target() + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted: " + what + " " + target());
        }
    }

    /** An in-process connection's transport side: events and views go to the listeners. */
    private record Sink(EventListener events, ViewListener views) implements ConnectionSink {
        @Override
        public void event(String name, List<Object> args) {
            events.onEvent(name, args);
        }

        @Override
        public void view(@Nullable Object view) {
            views.onView(view);
        }

        @Override
        public void closed(ActorError reason) {
            // The listeners simply stop receiving; the actor side is gone.
        }
    }

    /** The actor (its address, or its id) and the caller, for messages and debugging. */
    @Override
    public String toString() {
        return "ActorRef[" + (address != null ? address : "id " + id) + " as " + caller.type().wireName() + ":"
                + caller.id() + "]";
    }

    private C handle(CreateMode mode, Input input) {
        return host.handle(contract, address, id, mode, input, caller, timeout);
    }

    private Address target() {
        if (address != null) {
            return address;
        }
        return host.resolve(id).orElseThrow(() -> new TroupeException(ErrorCode.NOT_FOUND, "no actor has id " + id));
    }
}
