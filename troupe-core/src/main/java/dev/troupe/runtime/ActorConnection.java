package dev.troupe.runtime;

import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A connection as the runtime keeps it: identity, caller, params, subscriptions and the sink that
 * delivers to the transport. Subscriptions may change from any thread; per-connection state belongs to
 * the actor's turns.
 */
public final class ActorConnection implements Connection {
    private final String id = Ids.next();
    private final Activation activation;
    private final Caller caller;
    private final Map<String, Object> params;
    private final ConnectionSink sink;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Object state;
    private volatile boolean open = true;
    private volatile boolean viewSync;
    private final AtomicInteger writesInFlight = new AtomicInteger();

    ActorConnection(Activation activation, Caller caller, Map<String, Object> params, ConnectionSink sink) {
        this.activation = activation;
        this.caller = caller;
        this.params = Map.copyOf(params);
        this.sink = sink;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public Set<String> subscriptions() {
        return Set.copyOf(subscriptions);
    }

    @Override
    public @Nullable Object state() {
        return state;
    }

    @Override
    public void state(@Nullable Object value) {
        this.state = value;
    }

    @Override
    public void send(String event, Object... args) {
        Turn.currentOf(activation).send(this, event, args);
    }

    /** Starts receiving {@code event} ({@code *} for every event). Takes effect at once. */
    public void subscribe(String event) {
        subscriptions.add(event);
    }

    /** Stops receiving {@code event}. Takes effect at once. */
    public void unsubscribe(String event) {
        subscriptions.remove(event);
    }

    /** Turns pushing this connection's view after every durable state change on or off. */
    public void syncViews(boolean enabled) {
        this.viewSync = enabled;
    }

    /** The current view for this connection's caller, once the state it reflects is durable. */
    public java.util.concurrent.CompletableFuture<Object> view() {
        var reply = new java.util.concurrent.CompletableFuture<Object>();
        if (!activation.send(new Message.ViewRequest(caller, CreateMode.GET, dev.troupe.Input.none(), reply))) {
            reply.completeExceptionally(new dev.troupe.TroupeException(dev.troupe.ErrorCode.NOT_FOUND,
                    "the connection's actor is gone"));
        }
        return reply;
    }

    /**
     * Whether no call of this connection that may write is still unanswered. Only then may a read-only
     * call of the connection run beside the actor's turns: a client always reads its own writes.
     */
    boolean awaitsNoWrites() {
        return writesInFlight.get() == 0;
    }

    void writeStarted() {
        writesInFlight.incrementAndGet();
    }

    void writeEnded() {
        writesInFlight.decrementAndGet();
    }

    boolean syncsViews() {
        return open && viewSync;
    }

    void deliverView(Object view) {
        if (open) {
            sink.view(view);
        }
    }

    /** The address of the actor this connection is attached to. */
    public Address address() {
        return activation.address();
    }

    /** The actor's id. */
    public String actorId() {
        return activation.id();
    }

    /** Whether the connection is still attached. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Detaches the connection: the actor's {@code onDisconnect} runs as a turn. Idempotent; call it
     * when the transport closes.
     */
    public void close() {
        if (open) {
            open = false;
            activation.send(new Message.Disconnect(this));
        }
    }

    boolean wants(String event) {
        return open && (subscriptions.contains(event) || subscriptions.contains("*"));
    }

    void deliver(String event, List<Object> args) {
        if (open) {
            sink.event(event, args);
        }
    }

    void terminate(ActorError reason) {
        if (open) {
            open = false;
            sink.closed(reason);
        }
    }

    Activation activation() {
        return activation;
    }
}
