package dev.troupe.runtime;

import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.host.Address;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.AccessRule;
import dev.troupe.Connection;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.HostConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A connection as the runtime keeps it: identity, caller, params, subscriptions and the sink that
 * delivers to the transport. The actor sees it as a {@link Connection}, the transport as a
 * {@link HostConnection}. Subscriptions may change from any thread; per-connection state belongs to
 * the actor's turns.
 */
final class ActorConnection implements Connection, HostConnection {
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
    private final Set<HostChannelEnd> channels = ConcurrentHashMap.newKeySet();
    /** Whether the caller may receive each declared event asked about so far: the caller never changes. */
    private final Map<String, Boolean> receivable = new ConcurrentHashMap<>();

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

    @Override
    public void subscribe(String event) {
        activation.type().checkSubscription(caller, event);
        subscriptions.add(event);
    }

    @Override
    public void unsubscribe(String event) {
        subscriptions.remove(event);
    }

    @Override
    public void syncViews(boolean enabled) {
        if (enabled) {
            activation.type().authorize(caller, activation.address(), AccessRule.VIEW);
        }
        this.viewSync = enabled;
    }

    @Override
    public CompletableFuture<Object> view() {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        try {
            activation.type().authorize(caller, activation.address(), AccessRule.VIEW);
        } catch (TroupeException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        if (!activation.send(new Message.ViewRequest(caller, CreateMode.GET, Input.none(), reply))) {
            reply.completeExceptionally(new TroupeException(ErrorCode.NOT_FOUND, "the connection's actor is gone"));
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

    @Override
    public Address address() {
        return activation.address();
    }

    @Override
    public String actorId() {
        return activation.id();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            List.copyOf(channels).forEach(HostChannelEnd::disconnect);
            channels.clear();
            activation.send(new Message.Disconnect(this));
        }
    }

    /** The channels a transport opened over this connection and that are still open. */
    Set<HostChannelEnd> channels() {
        return channels;
    }

    boolean wants(String event) {
        return open && (subscriptions.contains(event) || subscriptions.contains("*"));
    }

    /** Delivers an event, unless the caller may not receive it (a type declaring events asks its rules). */
    void deliver(String event, List<Object> args) {
        if (open && mayReceive(event)) {
            sink.event(event, args);
        }
    }

    private boolean mayReceive(String event) {
        ActorType type = activation.type();
        return !type.eventCatalog().declares()
                || receivable.computeIfAbsent(event, name -> type.mayReceive(caller, name));
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
