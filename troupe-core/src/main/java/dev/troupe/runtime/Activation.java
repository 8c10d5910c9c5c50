package dev.troupe.runtime;

import dev.troupe.AccessRule;
import dev.troupe.ActorError;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.Durability;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The live instance of one actor, and its turn loop.
 *
 * Mailbox and turn loop
 *   Messages are appended to a mailbox under the activation's monitor. The first message that finds the
 *   activation idle starts a virtual thread that drains the mailbox, one message = one turn, and ends
 *   when the mailbox is empty. So an actor costs no thread while idle, and at most one thread runs its
 *   turns at a time: turns never overlap (read-only actions aside, which run on their caller's thread
 *   against the last completed state).
 *
 * Lifecycle
 *   UNLOADED -> (first message: activate from the store, or create) -> ACTIVE -> (sleep, destroy,
 *   fenced) -> closed. Closing happens on the turn thread: it marks the activation closed under the
 *   monitor, removes it from the directory and re-routes any messages still queued, which start a fresh
 *   activation. A message can therefore never be stranded in a closed mailbox.
 *
 * Durability
 *   A completed turn stages its write and its outputs in a PendingWrite (see there); execution continues
 *   with the next message while the group committer makes the write durable. If a commit fails, the
 *   committer marks the generation failed; the next turn reloads the state from the store, and every
 *   pending write of the failed generation is discarded, its outputs failed.
 */
final class Activation {
    private static final Logger LOG = LoggerFactory.getLogger(Activation.class);

    private enum Status { UNLOADED, ACTIVE }

    private final ActorRuntime runtime;
    private final ActorType type;
    private final Address address;

    private @Nullable ArrayDeque<Message> mailbox;
    private boolean running;
    private boolean closed;

    private volatile Status status = Status.UNLOADED;
    private volatile @Nullable String id;
    private volatile long epoch;
    private volatile @Nullable Instant createdAt;
    private volatile @Nullable Object state;
    private volatile @Nullable ActorBehaviour behaviour;
    private volatile int generation;
    private volatile int failedGeneration;
    private volatile boolean fenced;
    private volatile @Nullable PendingWrite tail;
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(Activation.class, "tail", PendingWrite.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile long lastUsed;
    private volatile @Nullable Set<ActorConnection> connections;
    private volatile @Nullable Set<TimerHandle> timers;
    private @Nullable CompletableFuture<Void> closedFuture;
    private volatile boolean evicting;
    private volatile @Nullable TroupeException failure;

    Activation(ActorRuntime runtime, ActorType type, Address address) {
        this.runtime = runtime;
        this.type = type;
        this.address = address;
        this.lastUsed = System.nanoTime();
    }

    /** Completes when this activation has closed and left the directory. */
    synchronized CompletableFuture<Void> closedFuture() {
        if (closedFuture == null) {
            closedFuture = new CompletableFuture<>();
        }
        return closedFuture;
    }

    ActorRuntime runtime() {
        return runtime;
    }

    ActorType type() {
        return type;
    }

    Address address() {
        return address;
    }

    String id() {
        return id;
    }

    long epoch() {
        return epoch;
    }

    @Nullable ActorBehaviour behaviour() {
        return behaviour;
    }

    long lastUsed() {
        return lastUsed;
    }

    Set<ActorConnection> connections() {
        Set<ActorConnection> open = connections;
        return open == null ? Set.of() : open;
    }

    // ---- mailbox ------------------------------------------------------------------------------

    /**
     * Queues a message.
     *
     * @return false if this activation has closed; route the message to a fresh one
     */
    boolean send(Message message) {
        boolean start;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (mailbox == null) {
                mailbox = new ArrayDeque<>(4);
            }
            mailbox.add(message);
            start = !running;
            running = true;
        }
        if (!(message instanceof Message.Sleep)) {
            lastUsed = System.nanoTime();
        }
        if (start) {
            runtime.startTurnThread(this::drain);
        }
        return true;
    }

    private void drain() {
        while (true) {
            Message message;
            synchronized (this) {
                message = mailbox.poll();
                if (message == null) {
                    mailbox = null;
                    running = false;
                    if (status == Status.UNLOADED) {
                        closed = true;
                    }
                }
            }
            if (message == null) {
                if (closed) {
                    runtime.closed(this, List.of());
                }
                return;
            }
            handle(message);
            if (closed) {
                return;
            }
        }
    }

    private void handle(Message message) {
        try {
            if (fenced) {
                close(fencedError(), message);
                return;
            }
            if (status == Status.ACTIVE && failedGeneration >= generation) {
                reload();
            }
            if (status == Status.UNLOADED) {
                if (message instanceof Message.Sleep || message instanceof Message.Disconnect) {
                    return;
                }
                if (!load(message)) {
                    return;
                }
            }
            switch (message) {
                case Message.Call call -> call(call);
                case Message.Create create -> create.fail(duplicate());
                case Message.ScheduledRun run -> scheduledRun(run);
                case Message.TimerFire fire -> timerFire(fire);
                case Message.Sleep sleep -> sleep(sleep.force());
                case Message.Destroy destroy -> destroy(destroy.reply());
                case Message.Connect connect -> connect(connect);
                case Message.Disconnect disconnect -> disconnect(disconnect.connection());
                case Message.ViewRequest request -> gate(List.of(new ReplyOutput(request.reply(), viewFor(request.caller()))));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure handling {} for {}", message.getClass().getSimpleName(), address, e);
            message.fail(internalError());
        }
    }

    // ---- loading and creating -----------------------------------------------------------------

    private boolean load(Message message) {
        Optional<ActorRecord> found;
        try {
            found = runtime.store().activate(type.name(), address.key());
        } catch (RuntimeException e) {
            LOG.error("cannot activate {}", address, e);
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the store is unavailable"));
            return false;
        }
        if (found.isPresent()) {
            if (!wake(found.get(), message)) {
                return false;
            }
            if (message instanceof Message.Create create) {
                create.fail(duplicate());
                return false;
            }
            return true;
        }
        if (message.mode() == CreateMode.GET) {
            message.fail(new TroupeException(ErrorCode.NOT_FOUND, "actor " + address + " does not exist",
                    java.util.Map.of("type", type.name(), "key", address.key().parts())));
            return false;
        }
        return create(message);
    }

    private boolean wake(ActorRecord record, Message message) {
        Object loaded;
        try {
            loaded = type.decodeState(record.state(), record.stateVersion());
        } catch (Exception e) {
            LOG.error("cannot decode the stored state of {} (version {})", address, record.stateVersion(), e);
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the stored state of " + address + " is unreadable"));
            return false;
        }
        id = record.id();
        epoch = record.epoch();
        createdAt = record.createdAt();
        state = loaded;
        behaviour = type.newBehaviour();
        generation++;
        status = Status.ACTIVE;
        runHook("#onWake", ActorBehaviour::onWake, null);
        return true;
    }

    private boolean create(Message message) {
        Caller requester = switch (message) {
            case Message.Call call -> call.caller();
            case Message.Connect connect -> connect.caller();
            case Message.Create create -> create.caller();
            case Message.ViewRequest request -> request.caller();
            default -> systemCaller();
        };
        try {
            type.checkAccess(requester, AccessRule.CREATE);
        } catch (TroupeException e) {
            message.fail(e);
            return false;
        }
        Input input = message.input();
        ActorBehaviour instance = type.newBehaviour();
        id = Ids.next();
        epoch = 1;
        createdAt = runtime.clock().instant();
        behaviour = instance;
        Turn turn = new Turn(this, Turn.NO_STATE, systemCaller(), CallChain.EMPTY, null, false);
        Turn previous = turn.bind();
        try {
            turn.setState(instance.initialState(turn, input));
            instance.onCreate(turn, input);
        } catch (Throwable e) {
            unload();
            message.fail(failure(e, "onCreate"));
            return false;
        } finally {
            Turn.restore(previous);
        }
        String json;
        try {
            json = type.encodeState(turn.state());
        } catch (Exception e) {
            LOG.error("cannot serialise the initial state of {}", address, e);
            unload();
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the initial state could not be serialised"));
            return false;
        }
        List<ScheduleRecord> schedules = turn.scheduleChangeList().stream()
                .filter(ScheduleChange.Put.class::isInstance).map(c -> ((ScheduleChange.Put) c).schedule()).toList();
        ActorRecord record = new ActorRecord(id, type.name(), address.key(), json, type.stateVersion(), 1, createdAt);
        boolean created;
        try {
            created = runtime.store().create(record, schedules);
        } catch (RuntimeException e) {
            LOG.error("cannot create {}", address, e);
            unload();
            message.fail(new TroupeException(ErrorCode.INTERNAL_ERROR, "the store could not create the actor"));
            return false;
        }
        if (!created) {
            unload();
            if (message.mode() == CreateMode.CREATE) {
                message.fail(duplicate());
                return false;
            }
            return load(message);
        }
        state = turn.state();
        generation++;
        status = Status.ACTIVE;
        schedules.forEach(s -> runtime.scheduler().scheduled(s.dueAt()));
        startTimers(turn);
        runHook("#onWake", ActorBehaviour::onWake, null);
        if (message instanceof Message.Create create) {
            create.reply().complete(info());
            return false;
        }
        return true;
    }

    private void unload() {
        status = Status.UNLOADED;
        behaviour = null;
        state = null;
        id = null;
        tail = null;
    }

    private void reload() {
        LOG.warn("reloading {} from the store after a failed commit", address);
        cancelTimers();
        unload();
    }

    ActorInfo info() {
        return new ActorInfo(id, type.name(), address.key(), createdAt);
    }

    // ---- turns --------------------------------------------------------------------------------

    private void call(Message.Call call) {
        Turn turn = new Turn(this, state, call.caller(), call.chain(), call.connection(), false);
        Object result;
        Turn previous = turn.bind();
        try {
            result = behaviour.invoke(turn, call.action().name(), call.args());
            afterAction(turn);
        } catch (Throwable e) {
            TroupeException error = failure(e, call.action().name());
            runtime.turnEnded(type, call.action().name(), turn.started(), error);
            call.reply().completeExceptionally(error);
            return;
        } finally {
            Turn.restore(previous);
        }
        finish(turn, call.action().name(), new ReplyOutput(call.reply(), result), null);
    }

    /**
     * Runs a read-only action on the calling thread, beside whatever turn is in progress.
     *
     * @return false if the activation is not ready for that; send the call through the mailbox instead
     */
    boolean tryReadOnly(Message.Call call) {
        Object current = state;
        ActorBehaviour instance = behaviour;
        if (status != Status.ACTIVE || failedGeneration >= generation || fenced || instance == null) {
            return false;
        }
        lastUsed = System.nanoTime();
        Turn turn = new Turn(this, current, call.caller(), call.chain(), call.connection(), true);
        Object result;
        Turn previous = turn.bind();
        try {
            result = instance.invoke(turn, call.action().name(), call.args());
        } catch (Throwable e) {
            TroupeException error = failure(e, call.action().name());
            runtime.turnEnded(type, call.action().name(), turn.started(), error);
            call.reply().completeExceptionally(error);
            return true;
        } finally {
            Turn.restore(previous);
        }
        gate(List.of(new ReplyOutput(call.reply(), result)));
        runtime.turnEnded(type, call.action().name(), turn.started(), null);
        return true;
    }

    private void scheduledRun(Message.ScheduledRun run) {
        ScheduleRecord schedule = run.due().schedule();
        if (!schedule.actorId().equals(id)) {
            run.finished().run();
            return;
        }
        Turn turn = new Turn(this, state, Caller.system("schedule"), CallChain.EMPTY, null, false);
        Turn previous = turn.bind();
        try {
            Action action = type.action(schedule.action());
            Object[] args = action.decodeArgs(Json.mapper().readTree(schedule.args()));
            behaviour.invoke(turn, action.name(), args);
            afterAction(turn);
        } catch (Throwable e) {
            LOG.error("scheduled {} of {} failed; the schedule is removed", schedule.action(), address, e);
            turn = new Turn(this, state, Caller.system("schedule"), CallChain.EMPTY, null, false);
        } finally {
            Turn.restore(previous);
        }
        turn.addScheduleChange(new ScheduleChange.Remove(schedule.id()));
        finish(turn, schedule.action(), null, new InternalOutput(run.finished()));
    }

    private void timerFire(Message.TimerFire fire) {
        Turn turn = new Turn(this, state, Caller.system("timer"), CallChain.EMPTY, null, false);
        Turn previous = turn.bind();
        try {
            behaviour.invoke(turn, fire.action().name(), fire.args());
            afterAction(turn);
        } catch (Throwable e) {
            LOG.error("timer {} of {} failed", fire.action().name(), address, e);
            return;
        } finally {
            Turn.restore(previous);
        }
        finish(turn, fire.action().name(), null, null);
    }

    private void connect(Message.Connect connect) {
        if (connections().size() >= type.maxConnections()) {
            connect.fail(new TroupeException(ErrorCode.TOO_MANY_CONNECTIONS,
                    address + " already has " + type.maxConnections() + " connections",
                    java.util.Map.of("limit", type.maxConnections())));
            return;
        }
        ActorConnection connection = new ActorConnection(this, connect.caller(), connect.params(), connect.sink());
        Turn turn = new Turn(this, state, connect.caller(), CallChain.EMPTY, connection, false);
        Turn previous = turn.bind();
        try {
            behaviour.onBeforeConnect(turn, connect.params(), connect.caller());
            openConnections().add(connection);
            behaviour.onConnect(turn, connection);
            afterAction(turn);
        } catch (Throwable e) {
            openConnections().remove(connection);
            connect.reply().completeExceptionally(failure(e, "onConnect"));
            return;
        } finally {
            Turn.restore(previous);
        }
        finish(turn, "#connect", new ReplyOutput(connect.reply(), connection), null);
    }

    private void disconnect(ActorConnection connection) {
        if (connections().remove(connection)) {
            runHook("#onDisconnect", (b, context) -> b.onDisconnect(context, connection), connection);
        }
    }

    /** Runs a lifecycle hook as a turn of its own; a failure is logged and leaves no trace. */
    private void runHook(String name, BiConsumer<ActorBehaviour, ActorContext> hook,
                         @Nullable ActorConnection connection) {
        Turn turn = new Turn(this, state, systemCaller(), CallChain.EMPTY, connection, false);
        Turn previous = turn.bind();
        try {
            hook.accept(behaviour, turn);
            afterAction(turn);
        } catch (RuntimeException | Error e) {
            LOG.error("lifecycle hook of {} failed; its changes are discarded", address, e);
            return;
        } finally {
            Turn.restore(previous);
        }
        finish(turn, name, null, null);
    }

    private void afterAction(Turn turn) {
        if (turn.stateChanged()) {
            turn.lockState();
            behaviour.onStateChange(turn, turn.initialState(), turn.state());
        }
    }

    /**
     * Completes a turn: starts its timers, stages its write (if any) and gates its outputs behind the
     * write they depend on; then honours a requested sleep or destroy.
     */
    private void finish(Turn turn, String operation, @Nullable TurnOutput reply, @Nullable TurnOutput internal) {
        runtime.turnEnded(type, operation, turn.started(), null);
        startTimers(turn);
        List<TurnOutput> gated = new ArrayList<>(3);
        Consumer<TurnOutput> visible = type.durability() == Durability.RELAXED ? TurnOutput::release : gated::add;
        if (reply != null) {
            visible.accept(reply);
        }
        boolean listened = !connections().isEmpty();
        if (listened && !turn.eventList().isEmpty()) {
            visible.accept(new EventsOutput(this, turn.eventList()));
        }
        if (listened && turn.stateChanged()) {
            TurnOutput views = viewsAfter(turn.state());
            if (views != null) {
                visible.accept(views);
            }
        }
        if (internal != null) {
            gated.add(internal);
        }
        if (turn.wrote()) {
            state = turn.state();
            for (ScheduleChange change : turn.scheduleChangeList()) {
                if (change instanceof ScheduleChange.Put put) {
                    gated.add(new InternalOutput(() -> runtime.scheduler().scheduled(put.schedule().dueAt())));
                }
            }
            stage(turn, gated);
        } else {
            gate(gated);
        }
        if (turn.destroyRequested()) {
            destroy(null);
        } else if (turn.sleepRequested()) {
            sleep(true);
        }
    }

    private @Nullable Object viewFor(Caller caller) {
        return computeView(state, caller);
    }

    /** Runs {@code view} inside a read-only turn, so the actor may use its context (key, id) there. */
    private @Nullable Object computeView(Object viewed, Caller caller) {
        Turn turn = new Turn(this, viewed, caller, CallChain.EMPTY, null, true);
        Turn previous = turn.bind();
        try {
            return behaviour.view(turn, viewed, caller);
        } finally {
            Turn.restore(previous);
        }
    }

    /** The new views of connections that sync them, computed on the turn thread from the new state. */
    private @Nullable TurnOutput viewsAfter(Object newState) {
        List<ViewsOutput.Update> updates = null;
        for (ActorConnection connection : connections()) {
            if (!connection.syncsViews()) {
                continue;
            }
            try {
                Object view = computeView(newState, connection.caller());
                if (updates == null) {
                    updates = new ArrayList<>();
                }
                updates.add(new ViewsOutput.Update(connection, view));
            } catch (RuntimeException e) {
                LOG.error("view of {} for {} failed", address, connection.caller(), e);
            }
        }
        return updates == null ? null : new ViewsOutput(updates);
    }

    private void stage(Turn turn, List<TurnOutput> outputs) {
        PendingWrite pending = tail;
        if (pending == null || pending.generation() != generation
                || !pending.merge(turn.state(), turn.stateChanged(), turn.scheduleChangeList(), outputs)) {
            pending = new PendingWrite(this, generation, id, epoch);
            pending.merge(turn.state(), turn.stateChanged(), turn.scheduleChangeList(), outputs);
            tail = pending;
            runtime.committer().submit(pending);
        }
    }

    private void gate(List<TurnOutput> outputs) {
        if (outputs.isEmpty()) {
            return;
        }
        PendingWrite pending = tail;
        if (pending == null || !pending.attach(outputs)) {
            outputs.forEach(TurnOutput::release);
        }
    }

    private void startTimers(Turn turn) {
        for (Turn.PendingTimer timer : turn.timerList()) {
            Set<TimerHandle> active = timers;
            if (active == null) {
                active = ConcurrentHashMap.newKeySet();
                timers = active;
            }
            Set<TimerHandle> owner = active;
            owner.add(timer.handle());
            ScheduledFuture<?> future = runtime.timerService().schedule(() -> {
                if (owner.remove(timer.handle())) {
                    send(new Message.TimerFire(timer.action(), timer.args()));
                }
            }, timer.delay().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            timer.handle().start(future, () -> owner.remove(timer.handle()));
        }
    }

    private void cancelTimers() {
        Set<TimerHandle> active = timers;
        if (active != null) {
            List.copyOf(active).forEach(TimerHandle::cancel);
            active.clear();
        }
    }

    private Set<ActorConnection> openConnections() {
        Set<ActorConnection> open = connections;
        if (open == null) {
            open = ConcurrentHashMap.newKeySet();
            connections = open;
        }
        return open;
    }

    // ---- sleep, destroy, close ----------------------------------------------------------------

    /** Whether the reaper may put this activation to sleep now. */
    boolean idleSince(long nanos) {
        Set<TimerHandle> active = timers;
        return status == Status.ACTIVE && lastUsed <= nanos && connections().isEmpty()
                && (active == null || active.isEmpty());
    }

    boolean evictable() {
        return !evicting && connections().isEmpty();
    }

    /** The eviction sweep chose this activation; keeps the next sweep from counting it again. */
    void markEvicting() {
        evicting = true;
    }

    private void sleep(boolean force) {
        evicting = false;
        synchronized (this) {
            if (mailbox != null && !mailbox.isEmpty()) {
                return;
            }
        }
        if (!force && !idleSince(System.nanoTime() - type.sleepAfter().toNanos())) {
            return;
        }
        if (!connections().isEmpty() && !runtime.isClosing()) {
            return;
        }
        runHook("#onSleep", ActorBehaviour::onSleep, null);
        awaitDurable();
        close(new TroupeException(ErrorCode.UNAVAILABLE, "the runtime is shutting down"));
    }

    private void destroy(@Nullable CompletableFuture<Void> reply) {
        runHook("#onDestroy", ActorBehaviour::onDestroy, null);
        awaitDurable();
        boolean destroyed;
        try {
            destroyed = runtime.store().destroy(id, epoch);
        } catch (RuntimeException e) {
            LOG.error("cannot destroy {}", address, e);
            if (reply != null) {
                reply.completeExceptionally(new TroupeException(ErrorCode.INTERNAL_ERROR, "the store could not destroy the actor"));
            }
            return;
        }
        if (!destroyed) {
            fenced = true;
            if (reply != null) {
                reply.completeExceptionally(fencedError());
            }
            close(fencedError());
            return;
        }
        close(new TroupeException(ErrorCode.NOT_FOUND, "actor " + address + " was destroyed"));
        if (reply != null) {
            reply.complete(null);
        }
    }

    private void awaitDurable() {
        PendingWrite pending = tail;
        if (pending != null) {
            pending.done().join();
        }
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
            failGeneration(gen, fencedError());
            fenced = true;
        }
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

    /** Why the writes of a failed generation are discarded. */
    TroupeException failure() {
        TroupeException known = failure;
        return known != null ? known : new TroupeException(ErrorCode.INTERNAL_ERROR,
                "turn of " + address + " was discarded because an earlier commit failed");
    }

    private void close(TroupeException reason) {
        close(reason, null);
    }

    /**
     * Closes this activation on its turn thread, terminating connections with {@code reason}; the
     * message being handled (if any) and everything still queued go to a fresh activation.
     */
    private void close(TroupeException reason, @Nullable Message current) {
        List<Message> leftovers = new ArrayList<>();
        if (current != null) {
            leftovers.add(current);
        }
        synchronized (this) {
            closed = true;
            if (mailbox != null) {
                leftovers.addAll(mailbox);
            }
            mailbox = null;
            running = false;
        }
        cancelTimers();
        ActorError error = reason.error();
        Set<ActorConnection> open = connections;
        if (open != null) {
            open.forEach(connection -> connection.terminate(error));
            open.clear();
        }
        status = Status.UNLOADED;
        behaviour = null;
        state = null;
        runtime.closed(this, leftovers);
    }

    // ---- errors -------------------------------------------------------------------------------

    private TroupeException failure(Throwable e, String where) {
        if (e instanceof TroupeException known) {
            return known;
        }
        LOG.error("{} of {} threw", where, address, e);
        return internalError();
    }

    private TroupeException internalError() {
        return new TroupeException(ErrorCode.INTERNAL_ERROR, "internal error in " + address + "; see the server log");
    }

    private TroupeException duplicate() {
        return new TroupeException(ErrorCode.DUPLICATE_KEY, "actor " + address + " already exists",
                java.util.Map.of("type", type.name(), "key", address.key().parts()));
    }

    private TroupeException fencedError() {
        return new TroupeException(ErrorCode.FENCED, "a newer activation of " + address + " exists; this one stopped serving it");
    }

    private Caller systemCaller() {
        return Caller.system("runtime");
    }
}
