package dev.troupe;

import dev.troupe.definition.ActorContext;
import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * The base class of actor implementations: an actor's state, its actions (the methods of its
 * {@link ActorContract}) and its lifecycle hooks.
 *
 * <h2>Turns</h2>
 * Every action, schedule, timer, connect and lifecycle hook runs as a <em>turn</em>: one at a time per
 * actor, on a virtual thread, so blocking inside an action (JDBC, HTTP, calling another actor) blocks
 * only this actor. Only {@link ReadOnly} actions may run beside another turn.
 *
 * <h2>State</h2>
 * State is an immutable value (a record is the idiom) of type {@code S}, serialised as JSON. A turn
 * reads it with {@link #state()} and replaces it with {@link #update} or {@link #setState}; the runtime
 * sees the change by reference. A turn's new state, the schedules it set and its broadcasts commit
 * atomically: the caller's result and the broadcasts are released only after the commit is durable
 * (unless the type opted into {@link Durability#RELAXED}). If the turn throws, all of it is discarded
 * and the actor keeps its previous state.
 *
 * <p>The methods below may be called only from inside a turn of this actor; elsewhere they throw
 * {@link IllegalStateException}. Keep all durable data in {@code S}: other fields of the instance are
 * lost when the actor sleeps. That makes fields the place for ephemeral vars (clients, caches): the
 * runtime creates one instance per activation, so they start afresh on every wake, and are never
 * stored or recorded ({@code docs/semantics.md}, "Ephemeral vars").
 *
 * {@snippet :
 * public final class CounterActor extends Actor<CounterActor.State> implements Counter {
 *     public record State(long count) {}
 *
 *     @Override protected State initialState(Input input) { return new State(0); }
 *
 *     @Override public long increment(long amount) {
 *         State next = update(s -> new State(s.count() + amount));
 *         broadcast("newCount", next.count());
 *         return next.count();
 *     }
 *
 *     @Override public long count() { return state().count(); }
 * }
 * }
 *
 * @param <S> the state type
 */
public abstract class Actor<S> {

    /** Actors are instantiated by the runtime through their no-argument constructor. */
    protected Actor() {
    }

    /**
     * The state of an actor that is being created, before {@link #onCreate} runs.
     *
     * @param input the input given with {@code create} or {@code getOrCreate}, possibly absent
     */
    protected abstract S initialState(Input input);

    // ---- lifecycle hooks ----------------------------------------------------------------------

    /**
     * Runs once, in the turn that creates the actor, after {@link #initialState}; {@link #caller()} is
     * who created it.
     */
    protected void onCreate(Input input) {
    }

    /** Runs at every activation (after creation and after each wake from the store). */
    protected void onWake() {
    }

    /** Runs before the actor is put to sleep (idle or evicted); its changes commit before it sleeps. */
    protected void onSleep() {
    }

    /** Runs before the actor is destroyed; its state and schedules are removed afterwards. */
    protected void onDestroy() {
    }

    /**
     * Runs at the end of every turn that changed the state, inside that turn. It may broadcast but must
     * not change the state again.
     */
    protected void onStateChange(S previous, S current) {
    }

    /**
     * Runs, as a turn of this actor, when a turn of one of its children failed (it threw something
     * other than a {@link UserException}); {@code failure.directive()} says what this type's
     * {@link SupervisorStrategy} does next, once this hook has run. See {@code docs/supervision.md}.
     */
    protected void onChildFailed(ChildFailure failure) {
    }

    /**
     * Runs, as a turn of this actor, when one of its children called {@link #finish} with
     * {@code result}; by then the child is destroyed. The result arrives in its JSON form, as plain Java
     * values (maps, lists, strings, numbers, booleans, null): convert it with
     * {@code Json.mapper().convertValue(result, Type.class)}. It runs once per finished child, after a
     * crash too.
     */
    protected void onChildFinished(ChildInfo child, @org.jspecify.annotations.Nullable Object result) {
    }

    /**
     * Decides whether a connection may open; throw (a {@link UserException}, say) to refuse. Runs as a
     * turn before {@link #onConnect}.
     */
    protected void onBeforeConnect(Map<String, Object> params, Caller caller) {
    }

    /** Runs when a connection has opened. */
    protected void onConnect(Connection connection) {
    }

    /** Runs when a connection has closed, for whatever reason. */
    protected void onDisconnect(Connection connection) {
    }

    /**
     * Decides, as a turn, whether {@code channel} may open: return to accept it, throw to reject it (a
     * {@link UserException}'s message is the reason the opener gets, as {@code channel/rejected}).
     * {@code message} is the opener's first message, or null. The default rejects every channel.
     * Messages sent on the channel from this turn follow the acceptance.
     */
    protected void onChannelOpen(Channel channel, @org.jspecify.annotations.Nullable Object message) {
        throw new TroupeException(ErrorCode.CHANNEL_REJECTED, getClass().getSimpleName() + " accepts no channels",
                java.util.Map.of("reason", ErrorCode.CHANNEL_REJECTED.qualified()));
    }

    /**
     * Runs, as a turn, for each message that arrives on one of this actor's open channels, in the order
     * the other end sent them; {@code message} is the JSON value decoded to maps, lists, strings,
     * numbers, booleans and null. If it throws, the turn is discarded and the channel stays open.
     */
    protected void onChannelMessage(Channel channel, @org.jspecify.annotations.Nullable Object message) {
    }

    /**
     * Runs, as a turn, when one of this actor's channels closed for a reason other than this actor
     * closing it: {@code channel/closed} (the other end closed it), {@code actor/not_found} (the other
     * actor was destroyed), {@code channel/disconnected} (the client's connection dropped),
     * {@code channel/timeout} (this actor accepted too late), {@code actor/unavailable} (the other
     * actor's runtime stopped).
     */
    protected void onChannelClosed(Channel channel, ActorError reason) {
    }

    /**
     * Answers a raw HTTP request sent below this actor's raw prefix ({@code /v1/actors/{type}/raw/…}), as
     * a turn: its state changes commit before the response is sent, and if it throws, the turn leaves no
     * trace and the client gets the error ({@code actor/internal_error} for anything but a
     * {@link UserException} or {@link TroupeException}). The default answers {@code raw/not_handled}
     * (404); throw that too for a path the actor does not serve. See {@code docs/raw-handlers.md}.
     */
    protected RawResponse onRequest(RawRequest request) {
        throw new TroupeException(ErrorCode.RAW_NOT_HANDLED, getClass().getSimpleName() + " handles no raw HTTP requests",
                Map.of("path", request.path()));
    }

    /**
     * Decides, as a turn, whether a raw WebSocket may open: return to accept it, throw to refuse it (the
     * client's upgrade is answered with the error). Messages sent on the socket from this turn follow
     * the acceptance. The default refuses with {@code raw/not_handled}.
     */
    protected void onRawWebSocketOpen(RawSocket socket) {
        throw new TroupeException(ErrorCode.RAW_NOT_HANDLED, getClass().getSimpleName() + " accepts no raw WebSockets",
                Map.of("path", socket.request().path()));
    }

    /**
     * Runs, as a turn, for each text message that arrives on one of this actor's raw WebSockets, in the
     * order the client sent them. If it throws, the turn is discarded and the socket stays open.
     */
    protected void onRawWebSocketMessage(RawSocket socket, String message) {
    }

    /**
     * Runs, as a turn, when one of this actor's raw WebSockets closed for a reason other than this actor
     * closing it: {@code channel/closed} (the client closed it, or its connection dropped).
     */
    protected void onRawWebSocketClose(RawSocket socket, ActorError reason) {
    }

    /**
     * Runs, as a turn, for each message of one of this type's queues ({@link TypeOptions#queues}), in
     * the order each sender enqueued them; {@code message} is the JSON value decoded to maps, lists,
     * strings, numbers, booleans and null. The message leaves the queue in this turn's commit, so a
     * message is processed effectively once. If it throws, the turn is discarded and the message stays
     * queued, to be delivered again (up to ten times, then it becomes a dead letter). The default
     * throws. See {@code docs/queues.md}.
     */
    protected void onQueueMessage(String queue, @org.jspecify.annotations.Nullable Object message) {
        throw new IllegalStateException(getClass().getName() + " has no queue handler; override onQueueMessage");
    }

    /**
     * The actor's run loop (RivetKit's {@code run}): override it to consume this type's queues with a
     * long-running loop instead of {@link #onQueueMessage}. It runs on a thread of its own while the
     * actor is awake, from its wake, and takes messages with {@link RunLoop#next} (or
     * {@link RunLoop#messages}), each processed in a turn of its own that commits with the message's
     * removal when the loop asks for the next one. Waiting in {@code next} holds no turn, and does not
     * keep the actor awake ({@link RunLoop#keepAwake} and {@link RunLoop#waitUntil} do). On sleep,
     * destroy and shutdown {@code next} returns empty and {@link RunLoop#stopping()} turns true: return
     * then. If it throws, the error is logged, the message it held stays queued, and the loop starts
     * again after a backoff (1 s, doubling to 1 min). See {@code docs/queues.md}.
     */
    protected void run(RunLoop loop) throws Exception {
    }

    /**
     * What {@code caller} may see of {@code state}: its public part plus the caller's own private part,
     * as a JSON-serialisable value. Null (the default) means nothing is visible. Must be a pure function
     * of its arguments; it runs whenever a subscribed caller's view may have changed.
     */
    protected @org.jspecify.annotations.Nullable Object view(S state, Caller caller) {
        return null;
    }

    // ---- the turn's context -------------------------------------------------------------------

    private ActorContext turn() {
        return ClassBehaviour.contextOf(this);
    }

    /** The current state, including changes made earlier in this turn. */
    @SuppressWarnings("unchecked")
    protected final S state() {
        return (S) turn().state();
    }

    /** Replaces the state; committed with the turn. Returns the new state. */
    protected final S setState(S next) {
        turn().setState(next);
        return next;
    }

    /** Replaces the state with {@code change} applied to it; committed with the turn. Returns the new state. */
    protected final S update(UnaryOperator<S> change) {
        return setState(change.apply(state()));
    }

    /** This actor's key. */
    protected final Key key() {
        return turn().key();
    }

    /** This actor's unique id. */
    protected final String id() {
        return turn().id();
    }

    /** Who sent the message this turn processes. */
    protected final Caller caller() {
        return turn().caller();
    }

    /** The connection this turn acts for (in connect hooks and actions sent over a connection), else null. */
    protected final @org.jspecify.annotations.Nullable Connection connection() {
        return turn().connection();
    }

    /**
     * Sends an event to every connection subscribed to it, once this turn's commit is durable; dropped
     * if the turn throws.
     */
    protected final void broadcast(String event, Object... args) {
        turn().broadcast(event, args);
    }

    /**
     * Sends an event to every connection subscribed to it at once, without waiting for this turn's
     * commit: for progress worth seeing while the turn still runs, such as the tokens of a model's
     * answer as they arrive. Such an event is not durable and not part of the turn's output: a client
     * may see it for a turn that then fails, it may overtake the held-back broadcasts of earlier turns,
     * and replay sends nothing. Arguments must be JSON-serialisable.
     */
    protected final void broadcastNow(String event, Object... args) {
        turn().broadcastNow(event, args);
    }

    /** The open connections of this actor. */
    protected final Collection<Connection> connections() {
        return turn().connections();
    }

    /** Durable schedules of this actor. */
    protected final Schedules schedules() {
        return turn().schedules();
    }

    /** This actor's own key–value storage, changed with the turn; see {@link Storage}. */
    protected final Storage storage() {
        return turn().storage();
    }

    /** This actor's own SQL database, changed with the turn; see {@link Sql}. */
    protected final Sql sql() {
        return turn().sql();
    }

    /** This actor's durable workflows; see {@link Workflow}. */
    protected final Workflows workflows() {
        return turn().workflows();
    }

    /**
     * The workflow this actor runs under {@code name}, or null if none (the default): typically a method
     * reference, {@code case "order" -> this::order}. See {@link Workflow} and {@code docs/workflows.md}.
     */
    protected @org.jspecify.annotations.Nullable Workflow workflow(String name) {
        return null;
    }

    /** Volatile timers of this actor. */
    protected final Timers timers() {
        return turn().timers();
    }

    /**
     * A handle to another actor (created on first use), for calls inside this turn. The call blocks this
     * actor only; a call back into an actor already waiting in this call chain fails with
     * {@code actor/call_cycle}. With history, each call is a recorded effect, as
     * {@link dev.troupe.definition.ActorContext#actor} describes.
     */
    protected final <C> C actor(Class<C> contract, Key key) {
        return turn().actor(contract, key);
    }

    /**
     * Calls {@code action} of the actor {@code key} of the type named {@code type} with JSON arguments,
     * for types without a contract class (WebAssembly modules, definitions) or chosen at run time; the
     * rules of {@link #actor} hold. See {@link dev.troupe.definition.ActorContext#call}.
     */
    protected final com.fasterxml.jackson.databind.JsonNode call(String type, Key key, String action,
                                                                 com.fasterxml.jackson.databind.JsonNode args) {
        return turn().call(type, key, action, args);
    }

    /**
     * Opens a channel to the actor of the type implementing {@code contract} under {@code key}, which
     * must exist; blocks this turn until the target accepts it. See
     * {@link dev.troupe.definition.ActorContext#openChannel}.
     */
    protected final Channel openChannel(Class<?> contract, Key key, @org.jspecify.annotations.Nullable Object message) {
        return turn().openChannel(contract, key, message);
    }

    /** This actor's open channels, the ones it opened and the ones it accepted. */
    protected final Collection<Channel> channels() {
        return turn().channels();
    }

    /** This actor's children: spawn, list, stop and read them; see {@link Children}. */
    protected final Children children() {
        return turn().children();
    }

    /**
     * Ends this actor with {@code result} once the current turn commits: it is destroyed (its children
     * first) and its parent, if it has one, receives the result in {@link #onChildFinished}. The result
     * must have a JSON form of at most 1 MiB; the report and the destroy are durable with the commit.
     */
    protected final void finish(@org.jspecify.annotations.Nullable Object result) {
        turn().finish(result);
    }

    /**
     * The runtime's content store: blobs by SHA-256 and labels ({@link Contents}). Its operations take
     * effect at once, not with this turn's commit, and are not undone if the turn throws; a replayed
     * turn cannot use it.
     */
    protected final Contents contents() {
        return turn().contents();
    }

    /**
     * A one-way handle to another actor: each call sends a durable message, written with this turn's
     * commit and sent only if the turn completes, delivered at least once and processed once, in order
     * per sender and receiver. The call returns at once with its result type's default. See
     * {@link dev.troupe.definition.ActorContext#send}.
     */
    protected final <C> C send(Class<C> contract, Key key) {
        return turn().send(contract, key);
    }

    /**
     * Enqueues {@code message} to the queue {@code queue} of another actor (or this one), written with
     * this turn's commit and sent only if the turn completes. See
     * {@link dev.troupe.definition.ActorContext#enqueue}.
     */
    protected final void enqueue(Class<?> contract, Key key, String queue,
                                 @org.jspecify.annotations.Nullable Object message) {
        turn().enqueue(contract, key, queue, message);
    }

    /**
     * Answers the current call later, from another turn; returns the handle to answer with. See
     * {@link dev.troupe.definition.ActorContext#deferReply}.
     */
    protected final ReplyHandle deferReply() {
        return turn().deferReply();
    }

    /**
     * Completes a deferred call once this turn's commit is durable; false if nobody waits for it any
     * more. See {@link dev.troupe.definition.ActorContext#reply}.
     */
    protected final boolean reply(ReplyHandle handle, @org.jspecify.annotations.Nullable Object result) {
        return turn().reply(handle, result);
    }

    /** Fails a deferred call with {@code error} once this turn's commit is durable; false if nobody waits. */
    protected final boolean replyError(ReplyHandle handle, TroupeException error) {
        return turn().replyError(handle, error);
    }

    /** Puts this actor to sleep after the current turn commits. */
    protected final void sleep() {
        turn().requestSleep();
    }

    /** Keeps this actor awake until {@code work} completes; see {@link ActorContext#waitUntil}. */
    protected final void waitUntil(java.util.concurrent.CompletionStage<?> work) {
        turn().waitUntil(work);
    }

    /** Keeps this actor awake for at least {@code duration}; see {@link ActorContext#keepAwake}. */
    protected final void keepAwake(java.time.Duration duration) {
        turn().keepAwake(duration);
    }

    /** Destroys this actor after the current turn commits: {@link #onDestroy}, then state and schedules go. */
    protected final void destroy() {
        turn().requestDestroy();
    }

    /**
     * The clock, randomness, HTTP and anything else non-deterministic, recorded for replay when the
     * type keeps history; see {@link Effects}.
     */
    protected final Effects effects() {
        return turn().effects();
    }

    /** A logger named after this actor's class. */
    protected final Logger log() {
        return turn().logger();
    }
}
