package dev.troupe.definition;

import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.Channel;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.ChildFailure;
import dev.troupe.ChildInfo;
import dev.troupe.Connection;
import dev.troupe.Input;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.RawSocket;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What runs the turns of one activation of an {@link ActorDefinition}: its actions, dispatched by name,
 * its lifecycle hooks and its views. Every method runs inside a turn and gets that turn's
 * {@link ActorContext}; state lives in the runtime, not in the behaviour, which reads and replaces it
 * through the context. Fields of a behaviour are lost when the actor sleeps.
 *
 * <p>Turns of one activation never overlap, except that {@link ActionDefinition#readOnly read-only}
 * actions and {@link #view} may run beside another turn (on another thread, against the last completed
 * state): an implementation must keep those free of side effects on shared fields. An exception thrown
 * by any method fails that turn only: its effects are discarded and the actor keeps its previous state;
 * a {@link dev.troupe.UserException} reaches the caller as it is, any other exception as
 * {@code actor/internal_error} (logged, not shown to the caller).
 */
public interface ActorBehaviour {
    /**
     * The state of an actor being created, before {@link #onCreate} runs; never null.
     *
     * @param input the input given with {@code create} or {@code getOrCreate}, possibly absent
     */
    Object initialState(ActorContext context, Input input);

    /**
     * Runs the action {@code action} (one of the definition's action names) with its decoded arguments
     * and returns its result, a JSON-serialisable value (or null).
     */
    @Nullable Object invoke(ActorContext context, String action, Object[] args) throws Exception;

    /**
     * Runs once, in the turn that creates the actor, after {@link #initialState}; that turn's
     * {@link ActorContext#caller()} is who created the actor (with {@code create}, or a call,
     * connection or view that may create).
     */
    default void onCreate(ActorContext context, Input input) {
    }

    /** Runs at every activation: after creation and after each wake from the store. */
    default void onWake(ActorContext context) {
    }

    /** Runs before the actor sleeps; its changes commit before it does. */
    default void onSleep(ActorContext context) {
    }

    /** Runs before the actor is destroyed. */
    default void onDestroy(ActorContext context) {
    }

    /**
     * Runs at the end of every turn that changed the state, inside that turn; may broadcast but must
     * not change the state again.
     */
    default void onStateChange(ActorContext context, Object previous, Object current) {
    }

    /**
     * Runs, as a turn of this actor, when a turn of one of its children failed; the failure says what
     * the type's {@link dev.troupe.SupervisorStrategy} does next, which happens after this returns.
     */
    default void onChildFailed(ActorContext context, ChildFailure failure) {
    }

    /**
     * Runs, as a turn of this actor, when one of its children finished with {@code result} and was
     * destroyed; the result arrives in its JSON form, as plain Java values (maps, lists, strings,
     * numbers, booleans, null), whether it was reported at once or after a crash.
     */
    default void onChildFinished(ActorContext context, ChildInfo child, @Nullable Object result) {
    }

    /** Decides whether a connection may open; throw to refuse. Runs before {@link #onConnect}. */
    default void onBeforeConnect(ActorContext context, Map<String, Object> params, Caller caller) {
    }

    /** Runs when a connection has opened. */
    default void onConnect(ActorContext context, Connection connection) {
    }

    /** Runs when a connection has closed, for whatever reason. */
    default void onDisconnect(ActorContext context, Connection connection) {
    }

    /**
     * Decides, as a turn, whether {@code channel} may open: return to accept, throw to reject (the
     * opener gets {@code channel/rejected} with the thrown error's message as the reason). The default
     * rejects every channel.
     */
    default void onChannelOpen(ActorContext context, Channel channel, @Nullable Object message) {
        throw new TroupeException(ErrorCode.CHANNEL_REJECTED, "this actor accepts no channels",
                Map.of("reason", ErrorCode.CHANNEL_REJECTED.qualified()));
    }

    /** Runs, as a turn, for each message arriving on an open channel, in the order sent. */
    default void onChannelMessage(ActorContext context, Channel channel, @Nullable Object message) {
    }

    /**
     * Processes one message of the actor's queue {@code queue}, as a turn: the message leaves the queue
     * in this turn's commit. If it throws, the turn is discarded and the message stays queued, to be
     * delivered again. The default refuses every message.
     */
    default void onQueueMessage(ActorContext context, String queue, @Nullable Object message) {
        throw new IllegalStateException("this actor has no queue handler; override onQueueMessage");
    }

    /**
     * Whether this behaviour has a run loop ({@link #run}): then the runtime runs it while the actor is
     * awake, and the actor's queue messages go to it instead of {@link #onQueueMessage}.
     */
    default boolean hasRunLoop() {
        return false;
    }

    /**
     * The actor's run loop, on a thread of its own while the actor is awake (see
     * {@link dev.troupe.RunLoop}); it takes queue messages with {@code loop.next}, each in a turn of its
     * own. Returning ends it until the actor wakes again; throwing is logged and it starts again after
     * a backoff. Called only if {@link #hasRunLoop()}.
     */
    default void run(LoopContext loop) throws Exception {
    }

    /**
     * The workflow this actor runs under {@code name} ({@link dev.troupe.Workflows#start}), or null if it
     * has none of that name (the default). Asked at every advance, so it must answer the same for the
     * workflow's whole life.
     */
    default dev.troupe.@Nullable Workflow workflow(ActorContext context, String name) {
        return null;
    }

    /** Runs, as a turn, when a channel closed for a reason other than this actor closing it. */
    default void onChannelClosed(ActorContext context, Channel channel, ActorError reason) {
    }

    /**
     * Answers a raw HTTP request below the actor's raw prefix, as a turn whose changes commit before
     * the response is sent. The default answers {@code raw/not_handled} (404).
     */
    default RawResponse onRequest(ActorContext context, RawRequest request) {
        throw new TroupeException(ErrorCode.RAW_NOT_HANDLED, "this actor handles no raw HTTP requests",
                Map.of("path", request.path()));
    }

    /** Decides, as a turn, whether a raw WebSocket may open: return to accept, throw to refuse (the default). */
    default void onRawWebSocketOpen(ActorContext context, RawSocket socket) {
        throw new TroupeException(ErrorCode.RAW_NOT_HANDLED, "this actor accepts no raw WebSockets",
                Map.of("path", socket.request().path()));
    }

    /** Runs, as a turn, for each text message arriving on an open raw WebSocket, in the order sent. */
    default void onRawWebSocketMessage(ActorContext context, RawSocket socket, String message) {
    }

    /** Runs, as a turn, when a raw WebSocket closed for a reason other than this actor closing it. */
    default void onRawWebSocketClose(ActorContext context, RawSocket socket, ActorError reason) {
    }

    /**
     * What {@code caller} may see of {@code state}, as a JSON-serialisable value; null (the default)
     * means nothing. Must be a pure function of its arguments: it runs whenever a subscribed caller's
     * view may have changed.
     */
    default @Nullable Object view(ActorContext context, Object state, Caller caller) {
        return null;
    }
}
