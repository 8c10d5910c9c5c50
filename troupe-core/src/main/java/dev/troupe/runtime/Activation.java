package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.host.Address;
import dev.troupe.ActorInfo;
import dev.troupe.Channel;
import dev.troupe.Children;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Contents;
import dev.troupe.Key;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The live instance of one actor: its identity, its state as of the last completed turn, its
 * connections and timers, and the bookkeeping of its commits. Three collaborators do the work:
 *
 *   Mailbox (the superclass)  queues messages and drains them on one virtual thread, one turn each;
 *   ActivationLifecycle       loads, creates, puts to sleep, destroys and closes it;
 *   TurnRunner                runs every kind of turn through one sequence and stages its write.
 *
 * Lifecycle
 *   UNLOADED -> (first message: activate from the store, or create) -> ACTIVE -> (sleep, destroy,
 *   fenced) -> closed. Closing happens on the turn thread and leaves the directory; queued messages
 *   go to a fresh activation (see Mailbox). An actor that sleeps with connections whose type lets
 *   them hibernate goes ACTIVE -> HIBERNATING instead: the actor leaves memory, this shell stays in
 *   the directory with its mailbox and connections, and the next message loads the actor again.
 *
 * Durability
 *   A completed turn stages its write and its outputs in a PendingWrite (see there); execution continues
 *   with the next message while the group committer makes the write durable. If a commit fails, the
 *   committer marks the generation failed; the next turn reloads the state from the store, and every
 *   pending write of the failed generation is discarded, its outputs failed.
 *
 * Fields written only on the turn thread are volatile because read-only turns, the idle sweep and the
 * committer read them from other threads.
 */
final class Activation extends Mailbox implements TurnScope {
    private static final Logger LOG = LoggerFactory.getLogger(Activation.class);
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(Activation.class, "tail", PendingWrite.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ActorRuntime runtime;
    private final ActorType type;
    private final Address address;

    private volatile boolean active;
    private volatile @Nullable String id;
    private volatile @Nullable String parentId;
    private volatile long epoch;
    private volatile @Nullable Instant createdAt;
    private volatile @Nullable Object state;
    private volatile @Nullable ActorBehaviour behaviour;
    private volatile int generation;
    private volatile int failedGeneration;
    private volatile boolean fenced;
    private volatile @Nullable TroupeException failure;
    private volatile @Nullable PendingWrite tail;
    private volatile long lastUsed;
    private volatile @Nullable Set<ActorConnection> connections;
    private volatile @Nullable Set<TimerHandle> timers;
    private volatile @Nullable Set<ActorChannel> channels;
    private volatile boolean evicting;
    private volatile boolean hibernating;
    private @Nullable HistoryChain history;
    private volatile @Nullable ActorStorage storage;
    private volatile @Nullable ActorSql sql;
    private final Set<java.util.concurrent.CompletionStage<?>> background = ConcurrentHashMap.newKeySet();
    private volatile long awakeUntil;
    private @Nullable MessageNumbers numbers;
    private volatile @Nullable ActorLoop loop;
    private @Nullable CompletableFuture<Void> closedFuture;

    Activation(ActorRuntime runtime, ActorType type, Address address) {
        this.runtime = runtime;
        this.type = type;
        this.address = address;
        this.lastUsed = runtime.time().nanoTime();
        this.awakeUntil = lastUsed;
    }

    // ---- the mailbox's turns ------------------------------------------------------------------

    @Override
    void process(Message message) {
        ActivationLifecycle lifecycle = runtime.lifecycle();
        TurnRunner turns = runtime.turnRunner();
        try {
            if (fenced) {
                lifecycle.close(this, ActivationErrors.fenced(address), message);
                return;
            }
            if (active && stale()) {
                lifecycle.reload(this);
            }
            if (active && message instanceof Message.Restart) {
                lifecycle.drop(this);
            }
            if (!active) {
                if (message instanceof Message.Sleep && hibernating() && runtime.isClosing()) {
                    lifecycle.close(this, ActivationErrors.shuttingDown(), null);
                    return;
                }
                if (message instanceof Message.Sleep || message instanceof Message.ChannelClosed
                        || message instanceof Message.Disconnect disconnect && !connections().contains(disconnect.connection())) {
                    return;
                }
                if (!lifecycle.load(this, message)) {
                    return;
                }
            }
            switch (message) {
                case Message.Call call -> turns.call(this, call);
                case Message.Create create -> create.fail(ActivationErrors.duplicate(address));
                case Message.ScheduledRun run -> turns.scheduled(this, run);
                case Message.Deliver deliver -> turns.deliver(this, deliver);
                case Message.TimerFire fire -> turns.timer(this, fire);
                case Message.Sleep sleep -> lifecycle.sleep(this, sleep.force());
                case Message.Destroy destroy -> lifecycle.destroy(this, destroy.reply());
                case Message.Connect connect -> turns.connect(this, connect);
                case Message.Disconnect disconnect -> turns.disconnect(this, disconnect);
                case Message.ViewRequest request -> turns.view(this, request);
                case Message.ChildFailed failed -> turns.childFailed(this, failed);
                case Message.Restart restart -> lifecycle.restarted(this, restart);
                case Message.RawCall raw -> turns.rawRequest(this, raw);
                case Message.ChannelOpen open -> turns.channelOpen(this, open);
                case Message.ChannelData data -> turns.channelMessage(this, data);
                case Message.ChannelClosed closed -> turns.channelClosed(this, closed);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure handling {} for {}", message.getClass().getSimpleName(), address, e);
            message.fail(ActivationErrors.internal(address));
        }
    }

    /** Whether the actor is loaded, or hibernates: either way the mailbox stays open when it empties. */
    @Override
    boolean loaded() {
        return active || hibernating;
    }

    @Override
    void used() {
        lastUsed = runtime.time().nanoTime();
    }

    @Override
    Quiescence quiescence() {
        return runtime.quiescence();
    }

    @Override
    void startDraining(Runnable drain) {
        runtime.startTurnThread(drain);
    }

    @Override
    void closedEmpty() {
        runtime.closed(this, List.of());
    }

    /**
     * Runs a read-only action on the calling thread, beside whatever turn is in progress.
     *
     * @return false if the activation is not ready for that; send the call through the mailbox instead
     */
    boolean tryReadOnly(Message.Call call) {
        if (!active || stale() || fenced || behaviour == null) {
            return false;
        }
        used();
        runtime.turnRunner().readOnly(this, call);
        return true;
    }

    // ---- what a turn sees ---------------------------------------------------------------------

    @Override
    public Address address() {
        return address;
    }

    @Override
    public @Nullable String id() {
        return id;
    }

    @Override
    public ActorType type() {
        return type;
    }

    @Override
    public @Nullable ActorBehaviour behaviour() {
        return behaviour;
    }

    @Override
    public Set<ActorConnection> connections() {
        Set<ActorConnection> open = connections;
        return open == null ? Set.of() : open;
    }

    @Override
    public TimeSource time() {
        return runtime.time();
    }

    @Override
    public Children children() {
        return new ActivationChildren(runtime, this);
    }

    @Override
    public Channel openChannel(Class<?> contract, Key key, @Nullable Object message) {
        return runtime.channels().open(this, new Address(runtime.typeOf(contract).name(), key), message);
    }

    @Override
    public Collection<Channel> channels() {
        return openChannels().stream().filter(channel -> channel.link().raw() == null).<Channel>map(c -> c).toList();
    }

    /** The id of the actor that spawned this one, or null. */
    @Nullable String parentId() {
        return parentId;
    }

    @Override
    public <C> C handle(Class<C> contract, Key key) {
        return runtime.handle(contract, key);
    }

    @Override
    public void keepAwake(java.util.concurrent.CompletionStage<?> work) {
        background.add(work);
        work.whenComplete((result, error) -> background.remove(work));
    }

    @Override
    public void keepAwake(java.time.Duration duration) {
        long until = runtime.time().nanoTime() + duration.toNanos();
        if (until - awakeUntil > 0) {
            awakeUntil = until;
        }
    }

    @Override
    public ActorStorage storage() {
        ActorStorage loaded = storage;
        if (loaded == null) {
            synchronized (this) {
                loaded = storage;
                if (loaded == null) {
                    loaded = new ActorStorage(runtime.store().storage(Objects.requireNonNull(id, "the actor is not loaded")));
                    storage = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public ActorSql sql() {
        ActorSql opened = sql;
        if (opened == null) {
            synchronized (this) {
                opened = sql;
                if (opened == null) {
                    opened = ActorSql.open(storage().takeSqlPages());
                    sql = opened;
                }
            }
        }
        return opened;
    }

    /** Closes the SQL database, if it was opened; it is what the storage's pages are from now on. */
    private void closeSql() {
        ActorSql opened = sql;
        sql = null;
        if (opened != null) {
            opened.close();
        }
    }

    @Override
    public @Nullable Object call(String type, Key key, String action, JsonNode args) {
        return runtime.callByName(type, key, action, args);
    }

    @Override
    public Contents contents() {
        return runtime.contents();
    }

    @Override
    public <C> C oneWay(Class<C> contract, Key key) {
        return runtime.oneWay(contract, new Address(runtime.typeOf(contract).name(), key), Caller.system("actor:" + address));
    }

    @Override
    public void enqueue(Class<?> contract, Key key, String queue, @Nullable Object message) {
        runtime.enqueue(new Address(runtime.typeOf(contract).name(), key), queue, message,
                Caller.system("actor:" + address));
    }

    @Override
    public @Nullable CompletableFuture<Object> deferredReply(String replyId) {
        return runtime.deferredReplies().find(replyId);
    }

    /**
     * The activation's positions in its message pairs (turn thread only), made on first use in a
     * generation: most actors never send or receive a durable message, and an idle one keeps none.
     */
    MessageNumbers numbers() {
        MessageNumbers current = numbers;
        if (current == null) {
            current = new MessageNumbers();
            numbers = current;
        }
        return current;
    }

    long epoch() {
        return epoch;
    }

    int generation() {
        return generation;
    }

    /** The state as of the last completed turn; null while not active. */
    @Nullable Object state() {
        return state;
    }

    long lastUsed() {
        return lastUsed;
    }

    ActorInfo info() {
        return new ActorInfo(id, type.name(), address.key(), createdAt);
    }

    // ---- transitions, made by the lifecycle and the turn runner on the turn thread ------------

    /** Takes on the identity of a stored or new actor, before its first turn runs. */
    void incarnate(String actorId, @Nullable String parent, long actorEpoch, Instant created,
                   ActorBehaviour instance) {
        id = actorId;
        parentId = parent;
        epoch = actorEpoch;
        createdAt = created;
        behaviour = instance;
    }

    /** The actor is loaded with {@code loaded} as its state: turns may run, in a new generation. */
    void activate(Object loaded) {
        numbers = null;
        state = loaded;
        generation++;
        active = true;
    }

    /** Starts the behaviour's run loop, if it has one; the lifecycle calls it after {@code onWake}. */
    void startLoop() {
        ActorBehaviour running = behaviour;
        if (running != null && running.hasRunLoop()) {
            stopLoop();
            ActorLoop started = new ActorLoop(runtime, this, running);
            loop = started;
            started.start();
        }
    }

    /** The run loop of this activation, or null if its type has none or it is not active. */
    @Nullable ActorLoop loop() {
        return loop;
    }

    private void stopLoop() {
        ActorLoop running = loop;
        if (running != null) {
            loop = null;
            running.stop();
        }
    }

    /** The head of the actor's history chain (turn thread only), or null if its type keeps none. */
    @Nullable HistoryChain history() {
        return history;
    }

    /** Sets the head of the history chain, when the actor is created or loaded. */
    void history(@Nullable HistoryChain chain) {
        history = chain;
    }

    /** A completed turn changed the state. */
    void advance(Object next) {
        state = next;
    }

    /** Forgets the actor (a failed load, create or commit): the next message loads it again. */
    void unload() {
        stopLoop();
        numbers = null;
        active = false;
        behaviour = null;
        state = null;
        id = null;
        tail = null;
        history = null;
        storage = null;
        closeSql();
    }

    /**
     * The actor sleeps but its connections stay: everything of the actor leaves memory (as in
     * {@link #release}) except this shell, its mailbox and its connections, which the next message
     * wakes. See ActivationLifecycle#hibernate.
     */
    void hibernate() {
        release();
        numbers = null;
        tail = null;
        lastUsed = runtime.time().nanoTime();
        connections().forEach(ActorConnection::hibernate);
        hibernating = true;
        CompletableFuture<Void> slept;
        synchronized (this) {
            slept = closedFuture;
            closedFuture = null;
        }
        if (slept != null) {
            slept.complete(null);
        }
    }

    /** Whether the actor sleeps with its connections kept (hibernates); false once a message woke it. */
    boolean hibernating() {
        return hibernating;
    }

    /** A message woke the hibernating actor: it is loaded again with its connections. */
    void woke() {
        hibernating = false;
    }

    /** The activation closed: nothing of the actor stays in memory. */
    void release() {
        stopLoop();
        active = false;
        behaviour = null;
        state = null;
        history = null;
        storage = null;
        closeSql();
    }

    // ---- connections and timers ---------------------------------------------------------------

    Set<ActorConnection> openConnections() {
        Set<ActorConnection> open = connections;
        if (open == null) {
            open = ConcurrentHashMap.newKeySet();
            connections = open;
        }
        return open;
    }

    /** The channels this actor opened or accepted, not yet closed; created on first use. */
    Set<ActorChannel> openChannels() {
        Set<ActorChannel> open = channels;
        if (open == null) {
            open = ConcurrentHashMap.newKeySet();
            channels = open;
        }
        return open;
    }

    /** Whether the actor has open channels, which keep it awake as connections do. */
    boolean hasChannels() {
        Set<ActorChannel> open = channels;
        return open != null && !open.isEmpty();
    }

    /** The timers started and not yet fired or cancelled; created on first use. */
    Set<TimerHandle> runningTimers() {
        Set<TimerHandle> running = timers;
        if (running == null) {
            running = ConcurrentHashMap.newKeySet();
            timers = running;
        }
        return running;
    }

    void cancelTimers() {
        Set<TimerHandle> running = timers;
        if (running != null) {
            List.copyOf(running).forEach(TimerHandle::cancel);
            running.clear();
        }
    }

    // ---- idle sleep and eviction --------------------------------------------------------------

    /**
     * Whether the idle sweep may put this activation to sleep: unused since {@code nanos}, no connections,
     * no channels, no timers, no background work it waits for, not kept awake.
     */
    boolean idleSince(long nanos) {
        Set<TimerHandle> running = timers;
        return active && lastUsed - nanos <= 0 && connectionsLetSleep() && !hasChannels()
                && (running == null || running.isEmpty()) && background.isEmpty()
                && runtime.time().nanoTime() - awakeUntil >= 0;
    }

    boolean evictable() {
        return active && !evicting && connectionsLetSleep() && !hasChannels();
    }

    /** Whether the connections let the actor sleep: there are none, or they hibernate with it. */
    boolean connectionsLetSleep() {
        return !type.connectionsKeepAwake() || connections().isEmpty();
    }

    /** The eviction sweep chose this activation; keeps the next sweep from counting it again. */
    void markEvicting() {
        evicting = true;
    }

    void clearEvicting() {
        evicting = false;
    }

    /**
     * Completes when this activation has closed and left the directory, or has hibernated (released the
     * actor's memory, keeping its connections).
     */
    synchronized CompletableFuture<Void> closedFuture() {
        if (closedFuture == null) {
            closedFuture = new CompletableFuture<>();
        }
        return closedFuture;
    }

    // ---- commits ------------------------------------------------------------------------------

    /** The newest pending write, which a turn that writes nothing attaches its outputs to. */
    @Nullable PendingWrite tail() {
        return tail;
    }

    void tail(PendingWrite pending) {
        tail = pending;
    }

    /** A finished write no longer gates anything: let an idle activation drop it. */
    void finished(PendingWrite pending) {
        TAIL.compareAndSet(this, pending, null);
    }

    /**
     * Called by the committer when a write of {@code gen} was refused for a stale epoch: the turns
     * staged behind it fail with {@code actor/fenced}, and the next message closes this activation and
     * goes to a fresh one.
     */
    void fenced(int gen) {
        if (gen == generation) {
            failGeneration(gen, ActivationErrors.fenced(address));
            fenced = true;
        }
    }

    /** The store refused to destroy the actor: a newer activation owns it. */
    void fencedNow() {
        fenced = true;
    }

    /** Marks {@code gen} failed: its pending writes are discarded with {@code error}. */
    void failGeneration(int gen, TroupeException error) {
        if (gen > failedGeneration) {
            failure = error;
            failedGeneration = gen;
        }
    }

    boolean generationFailed(int gen) {
        return gen <= failedGeneration;
    }

    /** Whether the state in memory may be ahead of a failed commit; then the next turn reloads. */
    boolean stale() {
        return failedGeneration >= generation;
    }

    /** Why the writes of a failed generation are discarded. */
    TroupeException failure() {
        TroupeException known = failure;
        return known != null ? known : new TroupeException(ErrorCode.INTERNAL_ERROR,
                "turn of " + address + " was discarded because an earlier commit failed");
    }
}
