package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.Channel;
import dev.troupe.Children;
import dev.troupe.Connection;
import dev.troupe.Effects;
import dev.troupe.Contents;
import dev.troupe.Key;
import dev.troupe.ReplyHandle;
import dev.troupe.Schedules;
import dev.troupe.Sql;
import dev.troupe.Storage;
import dev.troupe.Timers;
import dev.troupe.Workflows;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.host.Address;
import dev.troupe.json.CanonicalJson;
import dev.troupe.store.MessageReceipt;
import dev.troupe.store.OutboxMessage;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The context of one turn: what it handles (its kind, operation, message and caller), the state as this
 * turn sees it, and everything the turn produced that only takes effect if it completes (new state,
 * schedule changes, broadcasts, timers, sleep or destroy). {@link TurnRunner} runs it and turns it into
 * a {@link TurnRecord}.
 *
 * <p>It is the {@link ActorContext} the behaviour is handed. It is also bound to the thread running the
 * turn, which is how the runtime finds the turn a nested call or a connection's send comes from; used
 * from any other thread it fails fast instead of racing the turn. It depends only on a {@link
 * TurnScope}, so a unit test can build one without a runtime.
 */
final class Turn implements ActorContext {
    private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

    /** The state of an actor being created, before {@code initialState} has run. */
    static final Object NO_STATE = new Object();

    private final TurnScope scope;
    private final TurnKind kind;
    private final String operation;
    private final @Nullable Message message;
    private final Caller caller;
    private final CallChain chain;
    private final @Nullable ActorConnection connection;
    private final Object initialState;
    private final long started;
    private Object state;
    private boolean stateLocked;
    private @Nullable List<ScheduleChange> scheduleChanges;
    private @Nullable List<Event> events;
    private @Nullable List<PendingTimer> timers;
    private boolean sleepRequested;
    private boolean destroyRequested;
    private boolean finishRequested;
    private @Nullable JsonNode finishResult;
    private @Nullable TurnEffects effects;
    private @Nullable TurnStorage storage;
    private @Nullable TurnSql sql;
    private @Nullable List<Send> sends;
    private @Nullable List<TurnOutput> replies;
    private @Nullable List<TurnOutput> channelOutputs;
    /** The per-connection states this turn set, to apply to the connections once it completed. */
    private java.util.@Nullable Map<ActorConnection, java.util.Optional<Object>> connectionStates;
    private @Nullable String deferredReply;
    private List<OutboxMessage> sent = List.of();
    private @Nullable MessageReceipt receipt;

    /** An event broadcast (target null) or sent to one connection, released with the turn's output. */
    record Event(String name, List<Object> args, @Nullable ActorConnection target) {
    }

    /** A one-way message the turn sent, numbered and written only if the turn completes. */
    record Send(Address receiver, String action, String args) {
    }

    /** A volatile timer set by the turn, started only if the turn completes. */
    record PendingTimer(Duration delay, Action action, Object[] args, TimerHandle handle) {
    }

    /**
     * A turn of {@code scope}'s actor starting from {@code state}.
     *
     * @param operation  the action name or hook (such as {@code #onWake}) it runs, for records and metrics
     * @param message    the message it handles; null for a lifecycle hook the runtime runs
     * @param connection the connection it acts for, or null
     */
    Turn(TurnScope scope, TurnKind kind, String operation, @Nullable Message message, Object state,
         Caller caller, CallChain chain, @Nullable ActorConnection connection) {
        this.scope = scope;
        this.kind = kind;
        this.operation = operation;
        this.message = message;
        this.caller = caller;
        this.chain = chain;
        this.connection = connection;
        this.initialState = state;
        this.state = state;
        this.started = scope.time().nanoTime();
    }

    static Turn currentOf(TurnScope scope) {
        Turn turn = CURRENT.get();
        if (turn == null || turn.scope != scope) {
            throw new IllegalStateException("this may be called only inside a turn of " + scope.address());
        }
        return turn;
    }

    static @Nullable Turn current() {
        return CURRENT.get();
    }

    /** Binds this turn to the current thread; returns the turn it replaces, to restore afterwards. */
    @Nullable Turn bind() {
        Turn previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    static void restore(@Nullable Turn previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    // ---- what Actor exposes -------------------------------------------------------------------

    /** The state as this turn sees it. */
    public Object state() {
        return state;
    }

    /** Replaces the state for the rest of this turn and, if it completes, after it. */
    public void setState(Object next) {
        Objects.requireNonNull(next, "state must not be null");
        writable("change state");
        if (stateLocked) {
            throw new IllegalStateException("onStateChange must not change the state");
        }
        state = next;
    }

    /** The actor's key. */
    public Key key() {
        return scope.address().key();
    }

    /** The actor's id. */
    public String id() {
        return scope.id();
    }

    /** Who sent the message. */
    public Caller caller() {
        return caller;
    }

    /** The connection the message came through, or null. */
    public @Nullable Connection connection() {
        return connection;
    }

    /**
     * Queues an event for every subscribed connection.
     *
     * @throws TroupeException {@code event/undeclared} or {@code event/invalid_payload} if the type
     *                         declares events and this one breaks the declarations ({@link EventCatalog})
     */
    public void broadcast(String event, Object... args) {
        Objects.requireNonNull(event, "event");
        writable("broadcast");
        scope.type().eventCatalog().checkBroadcast(event, args);
        events().add(new Event(event, List.of(args), null));
    }

    /** Delivers an event to every subscribed connection now, outside the turn's output. */
    @Override
    public void broadcastNow(String event, Object... args) {
        Objects.requireNonNull(event, "event");
        writable("broadcast");
        scope.type().eventCatalog().checkBroadcast(event, args);
        List<Object> frozen = List.of(args);
        for (ActorConnection target : scope.connections()) {
            if (target.wants(event)) {
                target.deliver(event, frozen);
            }
        }
    }

    void send(ActorConnection target, String event, Object... args) {
        Objects.requireNonNull(event, "event");
        scope.type().eventCatalog().checkBroadcast(event, args);
        events().add(new Event(event, List.of(args), target));
    }

    /** The actor's open connections. */
    public Collection<Connection> connections() {
        return List.copyOf(scope.connections());
    }

    /** The actor's durable schedules, as changed by this turn. */
    public Schedules schedules() {
        writable("schedule");
        return new TurnSchedules();
    }

    /** The actor's volatile timers, started if this turn completes. */
    public Timers timers() {
        writable("set timers");
        return new TurnTimers();
    }

    @Override
    public <C> C actor(Class<C> contract, Key key) {
        TurnEffects own = (TurnEffects) effects();
        if (!own.keeps()) {
            return scope.handle(contract, key);
        }
        return RecordedCalls.proxy(contract, key, own, () -> scope.handle(contract, key));
    }

    @Override
    public JsonNode call(String type, Key key, String action, JsonNode args) {
        TurnEffects own = (TurnEffects) effects();
        Supplier<@Nullable Object> live = () -> scope.call(type, key, action, args);
        if (!own.keeps()) {
            return CanonicalJson.tree(live.get());
        }
        return RecordedCalls.answer(own, "call:" + type + "." + action, key, live);
    }

    @Override
    public Children children() {
        writable("use its children");
        return scope.children();
    }

    @Override
    public void finish(@Nullable Object result) {
        writable("finish");
        if (kind == TurnKind.CREATE) {
            throw new IllegalStateException("an actor being created cannot finish; finish from onWake or an action");
        }
        finishResult = ChildReports.result(result);
        finishRequested = true;
    }

    @Override
    public Contents contents() {
        return scope.contents();
    }

    @Override
    public <C> C send(Class<C> contract, Key key) {
        return scope.oneWay(contract, key);
    }

    @Override
    public void enqueue(Class<?> contract, Key key, String queue, @Nullable Object message) {
        scope.enqueue(contract, key, queue, message);
    }

    /** Queues a one-way message, written with this turn's commit if the turn completes. */
    void queue(Send send) {
        writable("send messages");
        if (kind == TurnKind.CREATE) {
            throw new IllegalStateException("an actor being created cannot send messages; send from onWake or an action");
        }
        report(send);
    }

    /** Queues a message the runtime sends for the actor (a finish report), written with this turn's commit. */
    void report(Send send) {
        if (sends == null) {
            sends = new ArrayList<>(1);
        }
        sends.add(send);
    }

    @Override
    public Channel openChannel(Class<?> contract, Key key, @Nullable Object message) {
        writable("open channels");
        return scope.openChannel(contract, key, message);
    }

    @Override
    public Collection<Channel> channels() {
        return scope.channels();
    }

    /** Queues what a channel end sends or closes in this turn, released with the turn's output. */
    void gate(TurnOutput output) {
        if (channelOutputs == null) {
            channelOutputs = new ArrayList<>(2);
        }
        channelOutputs.add(output);
    }

    @Override
    public ReplyHandle deferReply() {
        if (kind != TurnKind.ACTION || !(message instanceof Message.Call)) {
            throw new IllegalStateException("only an action with a caller waiting can defer its reply, not "
                    + kind + " " + operation);
        }
        if (deferredReply == null) {
            deferredReply = effects().record("replyId", String.class, Ids::next);
        }
        return new ReplyHandle(deferredReply);
    }

    @Override
    public boolean reply(ReplyHandle handle, @Nullable Object result) {
        return answer(handle, reply -> new ReplyOutput(reply, result));
    }

    @Override
    public boolean replyError(ReplyHandle handle, TroupeException error) {
        Objects.requireNonNull(error, "error");
        return answer(handle, reply -> new ErrorReplyOutput(reply, error));
    }

    private boolean answer(ReplyHandle handle, Function<CompletableFuture<Object>, TurnOutput> answer) {
        Objects.requireNonNull(handle, "handle");
        writable("reply");
        CompletableFuture<Object> reply = scope.deferredReply(handle.id());
        if (reply == null) {
            logger().debug("nobody awaits the deferred reply {} any more; it is dropped", handle.id());
            return false;
        }
        if (replies == null) {
            replies = new ArrayList<>(1);
        }
        replies.add(answer.apply(reply));
        return true;
    }

    /** Puts the actor to sleep once this turn commits. */
    public void requestSleep() {
        sleepRequested = true;
    }

    @Override
    public void waitUntil(java.util.concurrent.CompletionStage<?> work) {
        Objects.requireNonNull(work, "work");
        scope.keepAwake(work);
    }

    @Override
    public void keepAwake(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("keepAwake needs a positive duration, got " + duration);
        }
        scope.keepAwake(duration);
    }

    /** Destroys the actor once this turn commits. */
    public void requestDestroy() {
        writable("destroy");
        destroyRequested = true;
    }

    /**
     * The turn's effects: recorded if the type keeps history and the turn may write, taken from the
     * recording if the turn is being replayed.
     */
    public Effects effects() {
        if (effects == null) {
            effects = TurnEffects.live(!kind.readOnly() && scope.type().history() != null);
        }
        return effects;
    }

    @Override
    public Storage storage() {
        if (kind == TurnKind.CREATE) {
            throw new IllegalStateException("an actor being created has no storage yet (the creation writes only its"
                    + " state); use storage, and start workflows, from onWake, which runs right after");
        }
        if (storage == null) {
            TurnEffects own = (TurnEffects) effects();
            storage = new TurnStorage(scope::storage, own.keeps() ? own : null, kind.readOnly());
        }
        return storage;
    }

    @Override
    public Sql sql() {
        if (sql == null) {
            TurnEffects own = (TurnEffects) effects();
            sql = new TurnSql(scope::sql, own.keeps() ? own : null, kind);
        }
        return sql;
    }

    /**
     * Ends the turn's SQL transaction (see {@link TurnSql#end}): rolled back unless {@code completed};
     * returns why a completed turn must fail after all, or null.
     */
    @Nullable TroupeException endSql(boolean completed) {
        if (sql == null) {
            return null;
        }
        try {
            sql.end(completed, this::storageInternal);
            return null;
        } catch (TroupeException e) {
            return e;
        }
    }

    /** The turn's storage with the runtime's own operations, for workflows. */
    TurnStorage storageInternal() {
        return (TurnStorage) storage();
    }

    @Override
    public Workflows workflows() {
        return new TurnWorkflows(this);
    }

    /** The live behaviour, for the workflows it declares. */
    @Nullable ActorBehaviour behaviour() {
        return scope.behaviour();
    }

    /** The runtime's time, recorded as the effect {@code now}, so that a replayed turn reads the same. */
    Instant now() {
        return effects().record("now", Instant.class, () -> scope.time().instant());
    }

    /** A durable schedule of one of the runtime's own actions (such as a workflow's advance). */
    void scheduleInternal(Instant at, String action, String args) {
        String id = effects().record("scheduleId", String.class, Ids::next);
        addScheduleChange(new ScheduleChange.Put(new ScheduleRecord(id, scope.id(), at, action, args)));
    }

    /** What the turn has produced so far, to go back to if a workflow step's body fails. */
    record Savepoint(Object state, @Nullable Map<String, byte @Nullable []> storage, int sql, int scheduleChanges,
                     int events, int timers, int sends, int replies, int channelOutputs) {
    }

    Savepoint savepoint() {
        return new Savepoint(state, storage == null ? null : storage.snapshot(), sql == null ? -1 : sql.mark(),
                size(scheduleChanges), size(events), size(timers), size(sends), size(replies), size(channelOutputs));
    }

    /** Forgets what the turn produced after {@code point}. */
    void rollback(Savepoint point) {
        state = point.state();
        if (storage != null) {
            storage.restore(point.storage() == null ? Map.of() : point.storage());
        }
        if (sql != null) {
            sql.rollback(point.sql());
        }
        truncate(scheduleChanges, point.scheduleChanges());
        truncate(events, point.events());
        truncate(timers, point.timers());
        truncate(sends, point.sends());
        truncate(replies, point.replies());
        truncate(channelOutputs, point.channelOutputs());
    }

    private static int size(@Nullable List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static void truncate(@Nullable List<?> list, int size) {
        if (list != null && list.size() > size) {
            list.subList(size, list.size()).clear();
        }
    }

    /** Makes this turn a replay: its effects come from {@code recording}. */
    void replayEffects(ReplayedEffects recording) {
        effects = TurnEffects.replayed(recording);
    }

    /** The actor class's logger. */
    public Logger logger() {
        return scope.type().logger();
    }

    // ---- Schedules and Timers -----------------------------------------------------------------

    private final class TurnSchedules implements Schedules {
        @Override
        public String after(Duration delay, String action, Object... args) {
            return at(scope.time().instant().plus(delay), action, args);
        }

        @Override
        public String at(Instant time, String action, Object... args) {
            Action target = scope.type().action(action);
            String encoded = ActionArgs.encode(target, args);
            String id = effects().record("scheduleId", String.class, Ids::next);
            scheduleChanges().add(new ScheduleChange.Put(
                    new ScheduleRecord(id, scope.id(), time, action, encoded)));
            return id;
        }

        @Override
        public String cron(String expression, ZoneId zone, String action, Object... args) {
            writable("schedule");
            Instant now = scope.time().instant();
            return cron(CronSpec.parse(expression, zone, now), now, action, args);
        }

        @Override
        public String cron(String expression, String zone, String action, Object... args) {
            writable("schedule");
            Instant now = scope.time().instant();
            return cron(CronSpec.parse(expression, zone, now), now, action, args);
        }

        /** Puts the series of {@code spec}, first due at its first occurrence after {@code now}. */
        private String cron(CronSpec spec, Instant now, String action, Object... args) {
            Action target = scope.type().action(action);
            String encoded = ActionArgs.encode(target, args);
            String id = effects().record("scheduleId", String.class, Ids::next);
            Instant first = spec.after(now).orElseThrow();
            scheduleChanges().add(new ScheduleChange.Put(
                    new ScheduleRecord(id, scope.id(), first, action, spec.wrap(encoded))));
            return id;
        }

        @Override
        public void cancel(String scheduleId) {
            scheduleChanges().add(new ScheduleChange.Remove(scheduleId));
        }
    }

    private final class TurnTimers implements Timers {
        @Override
        public AutoCloseable after(Duration delay, String action, Object... args) {
            Action target = scope.type().action(action);
            ActionArgs.checkArity(target, args);
            TimerHandle handle = new TimerHandle();
            if (timers == null) {
                timers = new ArrayList<>(1);
            }
            timers.add(new PendingTimer(delay, target, args.clone(), handle));
            return handle;
        }
    }

    // ---- for the activation -------------------------------------------------------------------

    private void writable(String what) {
        if (kind.readOnly()) {
            throw new IllegalStateException("a @ReadOnly action must not " + what);
        }
    }

    private List<ScheduleChange> scheduleChanges() {
        writable("schedule");
        if (scheduleChanges == null) {
            scheduleChanges = new ArrayList<>(1);
        }
        return scheduleChanges;
    }

    private List<Event> events() {
        if (events == null) {
            events = new ArrayList<>(2);
        }
        return events;
    }

    void addScheduleChange(ScheduleChange change) {
        if (scheduleChanges == null) {
            scheduleChanges = new ArrayList<>(1);
        }
        scheduleChanges.add(change);
    }

    void lockState() {
        stateLocked = true;
    }

    /**
     * Forgets everything the turn produced (it failed): the state it started from, and no schedule
     * changes, events, timers, sleep or destroy.
     */
    void discard() {
        state = initialState;
        scheduleChanges = null;
        events = null;
        timers = null;
        sleepRequested = false;
        destroyRequested = false;
        finishRequested = false;
        finishResult = null;
        sends = null;
        replies = null;
        channelOutputs = null;
        deferredReply = null;
        storage = null;
        connectionStates = null;
    }

    /**
     * Sets {@code connection}'s state for the rest of this turn and writes it (as JSON, or its removal
     * for null) to the actor's storage under the connection's reserved key, so it is durable with the
     * turn's commit; {@link #applyConnectionStates} hands it to the connection once the turn completed.
     *
     * @throws TroupeException {@code call/invalid_args} if the state has no JSON form
     */
    void connectionState(ActorConnection connection, @Nullable Object value) {
        TurnStorage own = storageInternal();
        if (value == null) {
            own.deleteReserved(connection.storageKey());
        } else {
            try {
                own.writeReserved(connection.storageKey(), dev.troupe.json.Json.mapper().writeValueAsBytes(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new TroupeException(dev.troupe.ErrorCode.INVALID_ARGS, "the state of connection "
                        + connection.id() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (connectionStates == null) {
            connectionStates = new java.util.LinkedHashMap<>();
        }
        connectionStates.put(connection, java.util.Optional.ofNullable(value));
    }

    /** The state this turn set for {@code connection}, or null if it set none (an empty Optional for null). */
    java.util.@Nullable Optional<Object> connectionStateOf(ActorConnection connection) {
        return connectionStates == null ? null : connectionStates.get(connection);
    }

    /** The turn completed: the connections take the states it set. */
    void applyConnectionStates() {
        if (connectionStates != null) {
            connectionStates.forEach((connection, value) -> connection.committed(value.orElse(null)));
        }
    }

    /** The record of this turn, ended with {@code result} or {@code error}. */
    TurnRecord record(@Nullable Object result, @Nullable TroupeException error, List<TurnOutput> outputs) {
        return new TurnRecord(kind, operation, message, caller, result, error, initialState, state,
                scheduleChangeList(), eventList(), outputs, effects == null ? List.of() : effects.recorded(), sent,
                receipt, storage == null ? List.of() : storage.changes());
    }

    boolean stateChanged() {
        return state != initialState;
    }

    Object initialState() {
        return initialState;
    }

    TurnKind kind() {
        return kind;
    }

    String operation() {
        return operation;
    }

    @Nullable Message message() {
        return message;
    }

    @Nullable ActorConnection connectionOrNull() {
        return connection;
    }

    List<ScheduleChange> scheduleChangeList() {
        return scheduleChanges == null ? List.of() : scheduleChanges;
    }

    boolean wrote() {
        return stateChanged() || (scheduleChanges != null && !scheduleChanges.isEmpty());
    }

    /** The one-way messages queued by the turn, in order, not yet numbered. */
    List<Send> sendList() {
        return sends == null ? List.of() : sends;
    }

    /** The outputs of the deferred replies this turn answered. */
    List<TurnOutput> replyList() {
        return replies == null ? List.of() : replies;
    }

    /** The channel messages and closes of this turn, in the order made. */
    List<TurnOutput> channelOutputList() {
        return channelOutputs == null ? List.of() : channelOutputs;
    }

    /** The reply id if the turn deferred its reply, else null. */
    @Nullable String deferredReply() {
        return deferredReply;
    }

    /** The turn's messages, numbered, as they go to the outbox. */
    void sent(List<OutboxMessage> numbered) {
        sent = numbered;
    }

    /** The receipt of the message the turn processed. */
    void received(MessageReceipt processed) {
        receipt = processed;
    }

    List<Event> eventList() {
        return events == null ? List.of() : events;
    }

    List<PendingTimer> timerList() {
        return timers == null ? List.of() : timers;
    }

    boolean sleepRequested() {
        return sleepRequested;
    }

    boolean destroyRequested() {
        return destroyRequested;
    }

    boolean finishRequested() {
        return finishRequested;
    }

    @Nullable JsonNode finishResult() {
        return finishResult;
    }

    CallChain chain() {
        return chain;
    }

    /** When the turn began, in {@link dev.troupe.TimeSource#nanoTime()} units. */
    long started() {
        return started;
    }

    TurnScope scope() {
        return scope;
    }
}
