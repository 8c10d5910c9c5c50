package dev.troupe.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.Channel;
import dev.troupe.Children;
import dev.troupe.Connection;
import dev.troupe.Contents;
import dev.troupe.Effects;
import dev.troupe.Key;
import dev.troupe.ReplyHandle;
import dev.troupe.TroupeException;
import dev.troupe.Schedules;
import dev.troupe.Sql;
import dev.troupe.Storage;
import dev.troupe.Workflow;
import dev.troupe.Workflows;
import dev.troupe.Timers;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What a turn offers the behaviour running it: the state as this turn sees it, who sent the message,
 * and the turn's effects, which take effect only if the turn completes. The state, schedule changes
 * and broadcasts of a turn commit atomically; the caller's result and the broadcasts are released once
 * that commit is durable (unless the type is {@link dev.troupe.Durability#RELAXED}). If the behaviour
 * throws, all of it is discarded.
 *
 * <p>Valid only during the call it was passed to, and only on that call's thread. In a read-only
 * action or a view, the methods that change something throw {@link IllegalStateException}.
 */
public interface ActorContext {
    /** The state, including changes made earlier in this turn. */
    Object state();

    /**
     * Replaces the state (an immutable value of the definition's state type, or one that Jackson writes
     * as such, see {@link ActorDefinition#stateType}; never null); committed with the turn.
     *
     * @throws IllegalStateException in a read-only turn, or in {@code onStateChange}
     */
    void setState(Object next);

    /** The actor's key. */
    Key key();

    /** The actor's unique id. */
    String id();

    /** Who sent the message this turn processes. */
    Caller caller();

    /** The connection this turn acts for (connect hooks, actions sent over a connection), else null. */
    @Nullable Connection connection();

    /**
     * Sends an event to every connection subscribed to it, once this turn's commit is durable; dropped
     * if the turn fails. Arguments must be JSON-serialisable.
     */
    void broadcast(String event, Object... args);

    /**
     * Sends an event to every connection subscribed to it at once, without waiting for this turn's
     * commit (progress such as a model's tokens while the turn runs). Not durable: a client may see it
     * for a turn that then fails, it may overtake the held-back broadcasts of earlier turns, and replay
     * sends nothing. Arguments must be JSON-serialisable.
     */
    void broadcastNow(String event, Object... args);

    /** The actor's open connections. */
    Collection<Connection> connections();

    /**
     * The actor's durable schedules, changed with this turn. Schedule arguments are stored as JSON and
     * reach the action through {@link ActionDefinition#decode}.
     */
    Schedules schedules();

    /** The actor's own key–value storage, changed with this turn; see {@link Storage}. */
    Storage storage();

    /** The actor's own SQL database, changed with this turn; see {@link Sql}. */
    Sql sql();

    /** The actor's durable workflows, started, signalled and cancelled with this turn; see {@link Workflow}. */
    Workflows workflows();

    /** The actor's volatile timers, started if this turn completes; their arguments pass as given. */
    Timers timers();

    /**
     * A handle to another actor of the type implementing {@code contract}, created on first use, for
     * calls inside this turn. A call blocks this actor only and carries this turn's call chain, so a
     * call back into an actor already waiting in the chain fails with {@code actor/call_cycle}. In a
     * recorded turn (a type with history) each call is a recorded effect {@code call:<Contract>.<method>}:
     * its result or error is kept in the turn's entry and handed back in replay, without calling the
     * other actor; the caller gets it read back from its JSON, live as in replay.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found} if no registered type has that contract
     */
    <C> C actor(Class<C> contract, Key key);

    /**
     * Calls {@code action} of the actor {@code key} of the type named {@code type} with JSON arguments
     * and waits for its result: the form of {@link #actor} for definitions that have no contract class
     * (WebAssembly modules, scripts). The same rules hold: the actor is created on first use, the call
     * carries this turn's call chain, and in a recorded turn it is the effect {@code call:<type>.<action>}.
     *
     * @param args the arguments as a JSON array
     * @return the result as JSON ({@code null} as a JSON null)
     * @throws dev.troupe.TroupeException {@code actor/type_not_found}, {@code actor/action_not_found},
     *                                    {@code request/invalid_args}, {@code actor/call_cycle}, or the
     *                                    error the called turn answered
     */
    JsonNode call(String type, Key key, String action, JsonNode args);

    /**
     * Opens a channel to the actor of the type implementing {@code contract} under {@code key}, with
     * {@code message} (a JSON value, or null) as its first message: the target's {@code onChannelOpen}
     * runs as a turn of the target, and this turn waits until it accepted (and that turn is durable).
     * The channel is not part of this turn: it stays open if this turn throws. Messages the target
     * sends arrive as turns of this actor ({@code onChannelMessage}), and its close as
     * {@code onChannelClosed}.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found}; {@code actor/not_found} if the
     *                                    target does not exist (a channel never creates it);
     *                                    {@code channel/rejected} with the target's reason;
     *                                    {@code channel/timeout} if it did not answer within the
     *                                    runtime's call timeout; {@code actor/call_cycle} for a channel
     *                                    to itself; {@code message/too_large}
     * @throws IllegalStateException      in a read-only turn or a view
     */
    Channel openChannel(Class<?> contract, Key key, @Nullable Object message);

    /** The actor's open channels, those it opened and those it accepted. */
    Collection<Channel> channels();

    /**
     * The actor's children: spawn, list, stop, read; see {@link Children}.
     *
     * @throws IllegalStateException in a read-only turn or a view
     */
    Children children();

    /**
     * Ends the actor with {@code result} after this turn commits: it is destroyed (its children first)
     * and, if it is a child, its parent's {@code onChildFinished} receives the result. The report to the
     * parent and the destroy are durable with this turn's commit, so a crash delays them but loses
     * neither, and the parent hears of the result once.
     *
     * @throws IllegalStateException in a read-only turn, or while the actor is being created
     * @throws IllegalArgumentException if {@code result} has no JSON form
     * @throws dev.troupe.TroupeException {@code message/too_large} if its JSON is larger than a message may carry
     */
    void finish(@Nullable Object result);

    /**
     * A one-way handle to the actor of the type implementing {@code contract} under {@code key}: each
     * call of it sends a durable message instead of waiting for a result, and returns at once with the
     * default of its result type ({@code null}, zero or false). The messages are written in this turn's
     * commit and are sent only if the turn completes; they are delivered at least once and processed
     * once, in the order sent, and survive crashes of either side. The receiver must exist when a
     * message reaches it, or the message becomes a dead letter. See {@code docs/messaging.md}.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found} if no registered type has that
     *                                    contract; a call of the handle throws
     *                                    {@code message/too_large} if its arguments exceed 1 MiB of JSON
     * @throws IllegalStateException      when a call of the handle is made in a read-only turn or while
     *                                    the actor is being created
     */
    <C> C send(Class<C> contract, Key key);

    /**
     * Enqueues {@code message} to the queue {@code queue} of the actor of the type implementing
     * {@code contract} under {@code key}, written with this turn's commit like a {@link #send} (the
     * same outbox, the same guarantees). See {@code docs/queues.md}.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found}, {@code queue/not_found},
     *                                    {@code message/too_large}
     * @throws IllegalStateException      in a read-only turn or while the actor is being created
     */
    void enqueue(Class<?> contract, Key key, String queue, @Nullable Object message);

    /**
     * Answers the call this turn handles later, from another turn: the call's caller keeps waiting,
     * and the turn's own result is ignored. Keep the handle (in the state, if need be) and answer with
     * {@link #reply}. If this turn throws, its caller gets the error at once and the handle is void.
     *
     * @throws IllegalStateException if this turn handles no call with a caller waiting (a schedule, a
     *                               timer, a one-way message, a hook, a read-only action)
     */
    ReplyHandle deferReply();

    /**
     * Completes a deferred call with {@code result}, once this turn's commit is durable; if this turn
     * throws, the reply is not sent and the handle stays usable.
     *
     * @return false if nobody waits for that reply any more: the caller timed out, the process
     *         restarted, or the call was answered already
     */
    boolean reply(ReplyHandle handle, @Nullable Object result);

    /** Like {@link #reply}, but the deferred call fails with {@code error}. */
    boolean replyError(ReplyHandle handle, TroupeException error);

    /** Puts the actor to sleep after this turn commits. */
    void requestSleep();

    /**
     * Keeps the actor awake until {@code work} completes: background work it started and does not wait
     * for in the turn (Durable Objects' {@code waitUntil}). The idle sweep leaves the actor awake
     * meanwhile; a forced sleep (eviction, shutdown, {@link #requestSleep}) does not wait. Takes effect at
     * once, whether or not the turn completes.
     */
    void waitUntil(java.util.concurrent.CompletionStage<?> work);

    /** Keeps the actor awake for at least {@code duration} from now, idle or not; see {@link #waitUntil}. */
    void keepAwake(java.time.Duration duration);

    /**
     * The runtime's content store ({@link Contents}), as a system caller uses it. Content operations
     * take effect at once, not with the turn's commit, and a turn that throws does not undo them.
     */
    Contents contents();

    /** Destroys the actor after this turn commits: {@code onDestroy}, then its state and schedules go. */
    void requestDestroy();

    /**
     * The turn's non-deterministic inputs (clock, randomness, HTTP, anything else), recorded in the
     * turn's history entry for replay when the type keeps history.
     */
    Effects effects();

    /** A logger named after the actor's kind. */
    Logger logger();
}
