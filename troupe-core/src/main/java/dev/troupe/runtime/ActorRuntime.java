package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.HostChannel;
import dev.troupe.host.CreateMode;
import dev.troupe.host.Address;
import dev.troupe.AccessRule;
import dev.troupe.Actor;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.Contents;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.RuntimeObserver;
import dev.troupe.RuntimeStats;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.host.ActorHost;
import dev.troupe.host.HostSettings;
import dev.troupe.host.PlacedHost;
import dev.troupe.host.Placement;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.Key;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.history.History;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.ContentStore;
import dev.troupe.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor runtime: the registered types, the directory of activations, the group committer, the
 * scheduler and the timers. {@link LocalHostProvider} starts it; everything else reaches it as the
 * {@link ActorHost} it implements ({@code Troupe.host()}), which is where every operation is authorised.
 *
 * <p>Internal API, thread-safe. At most one activation per actor exists in a runtime at a time: the
 * directory maps each address to its activation, and a closed activation is replaced only after it has
 * left the directory. A message is routed to a local activation only if the placement says this node
 * hosts the actor; otherwise {@link Forwarding} hands it to the placement. Everything time-dependent
 * follows the settings' {@link TimeSource}.
 */
final class ActorRuntime implements PlacedHost {
    private static final Logger LOG = LoggerFactory.getLogger(ActorRuntime.class);
    /**
     * Shutdown waits for actors to sleep in rounds of real time (at most 300 x 100 ms = 30 s), not on
     * the time source: a manual time source that stands still must not make close() hang.
     */
    private static final int SHUTDOWN_ROUNDS = 300;
    private static final long SHUTDOWN_ROUND_MILLIS = 100;

    private final Store store;
    private final HostSettings settings;
    private final Map<String, ActorType> typesByName;
    private final Map<Class<?>, ActorType> typesByContract;
    private final ActivationDirectory directory = new ActivationDirectory();
    /** Activations in the directory that hibernate: their actor is out of memory, their connections kept. */
    private final java.util.concurrent.atomic.AtomicInteger hibernating = new java.util.concurrent.atomic.AtomicInteger();
    private final Placement placement;
    private final Forwarding forwarding;
    private final TimeSource time;
    private final RuntimeTimers timers;
    private final TurnRunner turnRunner = new TurnRunner(this);
    private final ActivationLifecycle lifecycle = new ActivationLifecycle(this);
    private final Supervisor supervisor = new Supervisor(this);
    private final Channels channels = new Channels(this);
    private final GroupCommitter committer;
    private final DurableScheduler scheduler;
    private final CallDeadlines deadlines;
    private final MessageRelay relay;
    private final InProcessSender inProcessSender;
    private final DeferredReplies deferredReplies;
    private final Quiescence quiescence = new Quiescence();
    private final HistoryFeed historyFeed = new HistoryFeed();
    private final ThreadFactory turnThreads = Thread.ofVirtual().name("troupe-turn").factory();
    private final AtomicBoolean evicting = new AtomicBoolean();
    private final LongAdder turns = new LongAdder();
    private final Caller inProcess = Caller.system("in-process");
    private final java.util.List<RuntimeObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;
    private final StoreContents contents;

    /** A runtime over {@code store} serving {@code types}, hosting every actor on this node. */
    ActorRuntime(Store store, List<ActorType> types, HostSettings settings) {
        this(store, types, settings, SingleNodePlacement.INSTANCE);
    }

    ActorRuntime(Store store, List<ActorType> types, HostSettings settings, Placement placement) {
        this.store = store;
        this.settings = settings;
        this.placement = placement;
        this.forwarding = new Forwarding(placement);
        this.time = settings.clock();
        this.timers = new RuntimeTimers(time);
        Map<String, ActorType> byName = new LinkedHashMap<>();
        Map<Class<?>, ActorType> byContract = new LinkedHashMap<>();
        for (ActorType type : types) {
            if (byName.putIfAbsent(type.name(), type) != null) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                        "actor type '" + type.name() + "' is registered twice");
            }
            if (type.contract() != null) {
                byContract.put(type.contract(), type);
            }
        }
        this.typesByName = Collections.unmodifiableMap(byName);
        this.typesByContract = Map.copyOf(byContract);
        this.deadlines = new CallDeadlines(timers);
        this.scheduler = new DurableScheduler(store, time, settings.schedulePollInterval(), this::fire,
                quiescence);
        this.contents = new StoreContents(store instanceof ContentStore content ? content : null,
                settings.content().maxSize(), time);
        this.relay = new MessageRelay(this, settings.schedulePollInterval());
        this.committer = new GroupCommitter(store, time, settings.maxBatch(), observers, quiescence, relay);
        this.inProcessSender = new InProcessSender(time, committer);
        this.deferredReplies = new DeferredReplies(timers, settings.callTimeout());
        startBackgroundWork();
    }

    /*
     * Last in the constructor: the idle sweep, the outbox relay and the schedule passes call back into the
     * runtime (a schedule already due in the store fires in the first pass), so they start only once every
     * field they reach is assigned; starting a thread publishes those writes to it.
     */
    private void startBackgroundWork() {
        timers.every(settings.idleCheckInterval(), this::reap);
        relay.start(timers);
        scheduler.start();
    }

    @Override
    public Contents contents(Caller caller) {
        return new CallerContents(contents, java.util.Objects.requireNonNull(caller, "caller"), settings.content().access());
    }

    /** The contents without access checks, for actors, which are system callers. */
    Contents contents() {
        return contents;
    }

    // ---- types --------------------------------------------------------------------------------

    @Override
    public List<ActorType> types() {
        return List.copyOf(typesByName.values());
    }

    @Override
    public ActorType type(String name) {
        ActorType type = typesByName.get(name);
        if (type == null) {
            throw new TroupeException(ErrorCode.TYPE_NOT_FOUND, "no actor type '" + name + "' is registered",
                    Map.of("type", String.valueOf(name)));
        }
        return type;
    }

    /**
     * The type implementing that contract.
     *
     * @throws TroupeException {@code actor/type_not_found}
     */
    ActorType typeOf(Class<?> contract) {
        ActorType type = typesByContract.get(contract);
        if (type == null) {
            throw new TroupeException(ErrorCode.TYPE_NOT_FOUND,
                    "no actor type implementing " + contract.getName() + " is registered");
        }
        return type;
    }

    // ---- calls --------------------------------------------------------------------------------

    /** A typed handle creating the actor on first use, for calls from inside turns. */
    <C> C handle(Class<C> contract, Key key) {
        return ActorHandle.proxy(this, contract, new Address(typeOf(contract).name(), key), null,
                CreateMode.GET_OR_CREATE, Input.none(), inProcess, settings.callTimeout());
    }

    /**
     * Calls {@code actionName} of the actor {@code key} of the type {@code typeName} with JSON arguments,
     * from inside a turn, creating the actor on first use: the by-name form of {@link #handle}.
     *
     * @throws TroupeException {@code actor/type_not_found}, {@code actor/action_not_found},
     *                         {@code request/invalid_args}, or the error of the called turn
     */
    @Nullable Object callByName(String typeName, Key key, String actionName, JsonNode args) {
        ActorType target = type(typeName);
        Action action = target.action(actionName);
        return call(new Address(target.name(), key), action, action.decodeArgs(args), inProcess,
                CreateMode.GET_OR_CREATE, Input.none(), settings.callTimeout());
    }

    /** A typed handle to an actor that must exist, calling as the actor whose turn uses it. */
    <C> C existingHandle(Class<C> contract, Address address) {
        return ActorHandle.proxy(this, contract, address, null, CreateMode.GET, Input.none(), inProcess,
                settings.callTimeout());
    }

    /** Waits for {@code reply} of an operation on {@code address}, at most the call timeout. */
    <T> T awaitReply(CompletableFuture<T> reply, Address address) {
        return await(reply, settings.callTimeout(), address);
    }

    @Override
    public <C> C oneWay(Class<C> contract, Address address, Caller caller) {
        return OneWayHandle.proxy(this, contract, address, caller);
    }

    /**
     * Sends a one-way message: inside a turn, queued in that turn (written with its commit); outside,
     * authorised for {@code caller} and written to the outbox before this returns.
     *
     * @throws TroupeException {@code message/too_large}, {@code actor/invalid_args}, or for an
     *                         in-process sender {@code auth/forbidden} or {@code actor/unavailable}
     */
    void sendOneWay(Address address, Action action, Object[] args, Caller caller) {
        String json = MessageArgs.encode(action, args);
        Turn current = Turn.current();
        if (current != null) {
            current.queue(new Turn.Send(address, action.name(), json));
            return;
        }
        type(address.type()).authorize(caller, address, action.name());
        inProcessSender.send(address, action.name(), json, caller);
    }

    @Override
    public void enqueue(Address address, String queue, @Nullable Object message, Caller caller) {
        ActorType type = type(address.type());
        String json = QueueMessages.encode(type, address, queue, message);
        String action = QueueMessages.action(queue);
        Turn current = Turn.current();
        if (current != null) {
            current.queue(new Turn.Send(address, action, json));
            return;
        }
        type.authorize(caller, address, AccessRule.ENQUEUE);
        Activation awake = directory.get(address);
        if ((awake == null || !awake.loaded()) && store.find(address.type(), address.key()).isEmpty()) {
            throw ActivationErrors.notFound(address);
        }
        inProcessSender.send(address, action, json, caller);
    }

    /** Whether this runtime serves actors of the type {@code name}. */
    boolean serves(String name) {
        return typesByName.containsKey(name);
    }

    @Override
    public String typeName(Class<?> contract) {
        return typeOf(contract).name();
    }

    @Override
    public <C> C handle(Class<C> contract, @Nullable Address address, @Nullable String id, CreateMode mode,
                        Input input, Caller caller, Duration timeout) {
        return ActorHandle.proxy(this, contract, address, id, mode, input, caller, timeout);
    }

    /**
     * Calls an action and waits for its result, which arrives once the turn is durable.
     *
     * @throws TroupeException with the error of the turn, {@code actor/timeout}, {@code actor/call_cycle}
     *                         or {@code actor/unavailable}
     */
    Object call(Address address, Action action, Object[] args, Caller caller, CreateMode mode, Input input,
                Duration timeout) {
        Turn current = Turn.current();
        CallChain chain = CallChain.EMPTY;
        Caller effective = caller;
        if (current != null) {
            Address self = current.scope().address();
            chain = current.chain().with(self);
            effective = Caller.system("actor:" + self);
        }
        if (chain.contains(address)) {
            throw new TroupeException(ErrorCode.CALL_CYCLE,
                    "calling " + address + " would wait on itself: " + chain + " -> " + address,
                    Map.of("chain", chain.toString()));
        }
        return await(callAsync(address, action, args, effective, chain, mode, input, null), timeout, address);
    }

    @Override
    public void authorize(Address address, Caller caller, String operation) {
        type(address.type()).authorize(caller, address, operation);
    }

    @Override
    public CompletableFuture<Object> call(Address address, HostedAction action, Object[] args, Caller caller,
                                          CreateMode mode, Input input, @Nullable HostConnection via) {
        if (via != null && !(via instanceof ActorConnection)) {
            return placement.call(address, action, args, caller, mode, input, via);
        }
        return callAsync(address, (Action) action, args, caller, CallChain.EMPTY, mode, input, (ActorConnection) via);
    }

    private CompletableFuture<Object> callAsync(Address address, Action action, Object[] args, Caller caller,
                                                CallChain chain, CreateMode mode, Input input,
                                                @Nullable ActorConnection connection) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        try {
            type(address.type()).authorize(caller, address, action.name());
        } catch (TroupeException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        Message.Call call = new Message.Call(action, args, caller, chain, mode, input, connection, reply);
        if (action.readOnly() && (connection == null || connection.awaitsNoWrites())) {
            Activation active = connection != null ? connection.activation()
                    : placement.isLocal(address) ? directory.get(address) : null;
            if (active != null && active.tryReadOnly(call)) {
                return reply;
            }
        }
        if (connection != null) {
            if (!action.readOnly()) {
                connection.writeStarted();
                reply.whenComplete((result, error) -> connection.writeEnded());
            }
            if (!connection.activation().send(call)) {
                call.fail(new TroupeException(ErrorCode.NOT_FOUND, "the connection's actor is gone"));
            }
        } else {
            route(address, call);
        }
        return reply;
    }

    @Override
    public ActorInfo create(Address address, Input input, Caller caller, Duration timeout) {
        authorize(address, caller, AccessRule.CREATE);
        CompletableFuture<ActorInfo> reply = new CompletableFuture<>();
        route(address, new Message.Create(input, caller, null, reply));
        return await(reply, timeout, address);
    }

    @Override
    public void destroy(Address address, Caller caller, Duration timeout) {
        authorize(address, caller, AccessRule.DESTROY);
        CompletableFuture<Void> reply = new CompletableFuture<>();
        route(address, new Message.Destroy(reply));
        await(reply, timeout, address);
    }

    @Override
    public CompletableFuture<Object> view(Address address, Caller caller, CreateMode mode, Input input) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        return routeIfAllowed(address, caller, AccessRule.VIEW, reply, new Message.ViewRequest(caller, mode, input, reply));
    }

    /** Routes {@code message} if {@code caller} may {@code operation}, else fails {@code reply} with the refusal. */
    private <T> CompletableFuture<T> routeIfAllowed(Address address, Caller caller, String operation,
                                                    CompletableFuture<T> reply, Message message) {
        try {
            authorize(address, caller, operation);
        } catch (TroupeException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        route(address, message);
        return reply;
    }

    @Override
    public Optional<ActorInfo> info(Address address, Caller caller) {
        authorize(address, caller, AccessRule.VIEW);
        return store.find(address.type(), address.key())
                .map(r -> new ActorInfo(r.id(), r.type(), r.key(), r.createdAt()));
    }

    @Override
    public Optional<Address> resolve(String id) {
        return store.findById(id).map(r -> new Address(r.type(), r.key()));
    }

    @Override
    public List<ActorInfo> list(String type, Key keyPrefix, @Nullable String afterId, int limit, Caller caller) {
        type(type).authorizeListing(caller);
        return store.scan(type, keyPrefix, afterId, limit).stream()
                .map(r -> new ActorInfo(r.id(), r.type(), r.key(), r.createdAt())).toList();
    }

    @Override
    public CompletableFuture<HostConnection> connect(Address address, Caller caller, Map<String, Object> params,
                                                     ConnectionSink sink, CreateMode mode, Input input) {
        CompletableFuture<HostConnection> reply = new CompletableFuture<>();
        return routeIfAllowed(address, caller, AccessRule.CONNECT, reply,
                new Message.Connect(caller, params, sink, mode, input, reply));
    }

    @Override
    public CompletableFuture<HostChannel> openChannel(HostConnection via, @Nullable String message, ChannelSink sink) {
        if (!(via instanceof ActorConnection connection)) {
            return CompletableFuture.failedFuture(new TroupeException(ErrorCode.NOT_SUPPORTED,
                    "a channel cannot be opened to an actor on another node (" + via.address() + ")"));
        }
        return channels.open(connection, message, sink);
    }

    @Override
    public CompletableFuture<RawResponse> request(Address address, RawRequest request, Caller caller, CreateMode mode) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        return routeIfAllowed(address, caller, AccessRule.RAW, reply, new Message.RawCall(request, caller, mode, reply))
                .thenApply(RawResponse.class::cast);
    }

    @Override
    public CompletableFuture<HostChannel> openRawSocket(Address address, RawRequest upgrade, Caller caller,
                                                        CreateMode mode, ChannelSink sink) {
        return channels.openRaw(address, caller, upgrade, mode, sink);
    }

    private <T> T await(CompletableFuture<T> reply, Duration timeout, Address address) {
        return deadlines.await(reply, timeout, address);
    }

    /** Delivers a message to the actor's activation, starting one if needed. */
    void route(Address address, Message message) {
        while (true) {
            if (closing && !(message instanceof Message.Sleep)) {
                message.fail(new TroupeException(ErrorCode.UNAVAILABLE, "the runtime is shutting down"));
                return;
            }
            if (!placement.isLocal(address)) {
                forwarding.forward(address, message);
                return;
            }
            Activation activation = directory.get(address);
            boolean fresh = false;
            if (activation == null) {
                Activation created = new Activation(this, type(address.type()), address);
                activation = directory.register(address, created);
                if (activation == null) {
                    activation = created;
                    fresh = true;
                }
            }
            if (activation.send(message)) {
                if (fresh && awake() > settings.maxActiveActors()) {
                    evictLeastRecentlyUsed();
                }
                return;
            }
            directory.remove(activation);
        }
    }

    /** An activation closed: forget it and re-route what was still queued for it. */
    void closed(Activation activation, List<Message> leftovers) {
        directory.remove(activation);
        activation.closedFuture().complete(null);
        for (Message message : leftovers) {
            route(activation.address(), message);
        }
    }

    private void fire(DueSchedule due) {
        Address address = new Address(due.type(), due.key());
        String scheduleId = due.schedule().id();
        if (!typesByName.containsKey(due.type())) {
            LOG.warn("schedule {} is for unregistered type '{}'; it stays until that type is served", scheduleId, due.type());
            return;
        }
        if (Supervisor.DESTROY_MARKER.equals(due.schedule().action())) {
            LOG.debug("the destroy marker of {} came due: destroying it and its children", address);
            CompletableFuture<Void> destroyed = new CompletableFuture<>();
            destroyed.whenComplete((ignored, error) -> scheduler.finished(scheduleId));
            route(address, new Message.Destroy(destroyed));
            return;
        }
        route(address, new Message.ScheduledRun(due, () -> scheduler.finished(scheduleId)));
    }

    // ---- sleep and eviction -------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> release(Address address) {
        Activation activation = directory.get(address);
        if (activation == null) {
            return CompletableFuture.completedFuture(null);
        }
        activation.send(new Message.Sleep(true));
        return activation.closedFuture();
    }

    private void reap() {
        long now = time.nanoTime();
        try {
            for (Activation activation : directory.all()) {
                if (activation.idleSince(now - activation.type().sleepAfter().toNanos())) {
                    activation.send(new Message.Sleep(false));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("the idle sweep failed; it runs again at the next interval", e);
        }
    }

    /** When an activation was last used, read once: the sort must not see it change. */
    private record LastUse(long at, Activation activation) {
    }

    private void evictLeastRecentlyUsed() {
        if (!evicting.compareAndSet(false, true)) {
            return;
        }
        startTurnThread(() -> {
            try {
                int excess = awake() - settings.maxActiveActors();
                if (excess <= 0) {
                    return;
                }
                List<LastUse> candidates = new ArrayList<>(directory.size());
                for (Activation activation : directory.all()) {
                    if (activation.evictable()) {
                        candidates.add(new LastUse(activation.lastUsed(), activation));
                    }
                }
                candidates.sort(Comparator.comparingLong(LastUse::at));
                int slack = Math.max(1, settings.maxActiveActors() / 100);
                for (LastUse candidate : candidates.subList(0, Math.min(candidates.size(), excess + slack))) {
                    candidate.activation().markEvicting();
                    candidate.activation().send(new Message.Sleep(true));
                }
            } catch (RuntimeException e) {
                LOG.error("the eviction sweep failed; the next new activation retries it", e);
            } finally {
                evicting.set(false);
            }
        });
    }

    // ---- services for activations -------------------------------------------------------------

    void startTurnThread(Runnable task) {
        turnThreads.newThread(task).start();
    }

    Store store() {
        return store;
    }

    @Override
    public History history(Address address, Caller caller) {
        ActorType type = type(address.type());
        type.authorize(caller, address, AccessRule.HISTORY);
        if (type.history() == null) {
            throw new TroupeException(ErrorCode.HISTORY_DISABLED, "actor type '" + type.name() + "' keeps no history",
                    Map.of("type", type.name()));
        }
        ActorRecord record = store.find(type.name(), address.key())
                .orElseThrow(() -> ActivationErrors.notFound(address));
        return new ActorHistory(store, historyFeed, type, record.id(), address.key());
    }

    TimeSource time() {
        return time;
    }

    RuntimeTimers timers() {
        return timers;
    }

    TurnRunner turnRunner() {
        return turnRunner;
    }

    ActivationLifecycle lifecycle() {
        return lifecycle;
    }

    Channels channels() {
        return channels;
    }

    HostSettings settings() {
        return settings;
    }

    Supervisor supervisor() {
        return supervisor;
    }

    Quiescence quiescence() {
        return quiescence;
    }

    @Override
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        if (Turn.current() != null) {
            throw new IllegalStateException("awaitQuiescence inside a turn would wait for that turn");
        }
        return quiescence.await(timeout);
    }

    HistoryFeed historyFeed() {
        return historyFeed;
    }

    GroupCommitter committer() {
        return committer;
    }

    DurableScheduler scheduler() {
        return scheduler;
    }

    MessageRelay relay() {
        return relay;
    }

    DeferredReplies deferredReplies() {
        return deferredReplies;
    }

    boolean isClosing() {
        return closing;
    }

    @Override
    public boolean isAccepting() {
        return !closing;
    }

    void turnEnded(ActorType type, String operation, long startNanos, @Nullable TroupeException error) {
        turns.increment();
        if (observers.isEmpty()) {
            return;
        }
        long nanos = time.nanoTime() - startNanos;
        for (RuntimeObserver observer : observers) {
            observer.turnEnded(type.name(), operation, nanos, error == null ? null : error.error());
        }
    }

    @Override
    public AutoCloseable observe(RuntimeObserver observer) {
        observers.add(java.util.Objects.requireNonNull(observer, "observer"));
        return () -> observers.remove(observer);
    }

    // ---- statistics and shutdown --------------------------------------------------------------

    /** Activations currently in memory. */
    int activeActors() {
        return awake();
    }

    /** The actors in memory: the directory without the hibernating shells. */
    private int awake() {
        return directory.size() - hibernating.get();
    }

    /** Actors asleep with their connections kept (hibernating). */
    int hibernatingActors() {
        return hibernating.get();
    }

    /**
     * Whether the placement has this node host {@code address}: an actor handed to another node closes
     * its connections instead of hibernating with them.
     */
    boolean hostsHere(Address address) {
        return placement.isLocal(address);
    }

    /** An activation started ({@code +1}) or stopped ({@code -1}) hibernating. */
    void hibernation(int change) {
        hibernating.addAndGet(change);
    }

    /** Whether the actor at {@code address} is in memory now (not asleep, nor hibernating). */
    boolean isActive(Address address) {
        Activation activation = directory.get(address);
        return activation != null && !activation.hibernating();
    }

    /** Turns completed so far. */
    long turns() {
        return turns.sum();
    }

    @Override
    public RuntimeStats stats() {
        return new RuntimeStats(awake(), turns.sum(), committer.batches(), committer.writes(),
                committer.turns(), committer.largestBatch());
    }

    /** Also runs {@code onSleep} of every actor and closes its connections. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        scheduler.close();
        timers.close();
        for (int round = 0; round < SHUTDOWN_ROUNDS && !directory.isEmpty(); round++) {
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (Activation activation : directory.snapshot()) {
                activation.send(new Message.Sleep(true));
                closing.add(activation.closedFuture());
            }
            try {
                CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(SHUTDOWN_ROUND_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.debug("{} actors still going to sleep", directory.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.error("an actor failed to go to sleep", e);
            }
        }
        if (!directory.isEmpty()) {
            LOG.warn("{} actors did not go to sleep within 30 s", directory.size());
        }
        committer.close();
        store.close();
    }
}
