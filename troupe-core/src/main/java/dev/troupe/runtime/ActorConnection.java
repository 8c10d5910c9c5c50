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
import dev.troupe.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A connection as the runtime keeps it: identity, caller, params, subscriptions and the sink that
 * delivers to the transport. The actor sees it as a {@link Connection}, the transport as a
 * {@link HostConnection}. Subscriptions may change from any thread; per-connection state belongs to
 * the actor's turns: a turn sets it (see {@link Turn#connectionState}), its commit makes it durable in
 * the actor's storage under {@link #STATE_PREFIX} and the connection's id, and a hibernating actor's
 * connections drop it from memory until a turn reads it again. The connection outlives the actor's
 * memory: it belongs to the activation's shell, which stays while the actor hibernates.
 */
final class ActorConnection implements Connection, HostConnection {
    private final String id = Ids.next();
    private final Activation activation;
    private final Caller caller;
    private final Map<String, Object> params;
    private final ConnectionSink sink;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    /** The prefix of the reserved storage keys that hold per-connection state. */
    static final String STATE_PREFIX = "#conn/";
    private volatile @Nullable Object state;
    private volatile boolean stateLoaded = true;
    private volatile boolean stateStored;
    private volatile Class<?> stateClass = Object.class;
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

    /**
     * The state as this turn sees it: what the turn set, else the committed state, read back from the
     * actor's storage after the connection hibernated (decoded as the class of the value set; the
     * sockets, and so this object, never outlive the process that wrote it).
     */
    @Override
    public @Nullable Object state() {
        Turn turn = Turn.current();
        boolean inTurn = turn != null && turn.scope() == activation;
        if (inTurn) {
            Optional<Object> set = turn.connectionStateOf(this);
            if (set != null) {
                return set.orElse(null);
            }
        }
        if (!stateLoaded) {
            if (!inTurn) {
                throw new IllegalStateException("the state of connection " + id
                        + " is in the store while its actor sleeps; read it inside a turn of the actor");
            }
            byte[] json = turn.storageInternal().readReserved(storageKey());
            state = json == null ? null : decode(json);
            stateLoaded = true;
        }
        return state;
    }

    /** Sets the state for this turn; it is written to the actor's storage with the turn's commit. */
    @Override
    public void state(@Nullable Object value) {
        Turn.currentOf(activation).connectionState(this, value);
    }

    /** The reserved storage key of this connection's state. */
    String storageKey() {
        return STATE_PREFIX + id;
    }

    /** Whether the store holds a state of this connection (then a disconnect removes it). */
    boolean stateStored() {
        return stateStored;
    }

    /** A completed turn set the state to {@code value}, durable with its commit. */
    void committed(@Nullable Object value) {
        state = value;
        stateClass = value == null ? Object.class : value.getClass();
        stateStored = value != null;
        stateLoaded = true;
    }

    /** The actor hibernates: the state leaves memory (it is in the store) and is read back when next used. */
    void hibernate() {
        if (stateStored) {
            state = null;
            stateLoaded = false;
        }
    }

    private Object decode(byte[] json) {
        try {
            return Json.mapper().readValue(json, stateClass);
        } catch (java.io.IOException e) {
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "the stored state of connection " + id
                    + " is unreadable", e);
        }
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
