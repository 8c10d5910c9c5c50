package dev.troupe.host;

import dev.troupe.history.History;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.Contents;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.RawRequest;
import dev.troupe.RawResponse;
import dev.troupe.RuntimeObserver;
import dev.troupe.RuntimeStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a transport, a protocol adapter or in-process code may ask of a Troupe runtime: the registered
 * types, calls, creation, destruction, views, actor info, connections, timings and counters. The one
 * door into the runtime; obtained from {@code Troupe.host()}.
 *
 * <p>Every operation is authorised here, once, whatever the transport: the caller's token scope (the
 * {@link Caller#SCOPE_TYPE} and {@link Caller#SCOPE_KEY} claims) first, then the type's access rules
 * ({@link dev.troupe.AccessRule}). A refusal is {@code auth/forbidden}. Transports turn wire
 * credentials into a {@link Caller} and wire values into arguments; they make no access decision of
 * their own.
 *
 * <p>Thread-safe. Futures complete on runtime threads; a call's future completes once the turn is
 * durable (for {@link dev.troupe.Durability#STRICT} types).
 */
public interface ActorHost {

    /** Every registered type, in registration order. */
    List<? extends HostedType> types();

    /**
     * The type of that name.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found}
     */
    HostedType type(String name);

    /**
     * Checks that {@code caller} may perform {@code operation} (an action name or one of the
     * {@link dev.troupe.AccessRule} operations) on the actor, without doing it. For transports that
     * must refuse before a protocol step they cannot take back (a WebSocket upgrade); the operation
     * itself checks again.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found} or {@code auth/forbidden}
     */
    void authorize(Address address, Caller caller, String operation);

    /**
     * Calls an action without waiting. Through a connection ({@code via} not null) the call goes to
     * that connection's activation, after the connection's unanswered writes if it only reads.
     *
     * @param action an action of one of this host's types
     */
    CompletableFuture<Object> call(Address address, HostedAction action, Object[] args, Caller caller,
                                   CreateMode mode, Input input, @Nullable HostConnection via);

    /**
     * Creates the actor; returns once durable.
     *
     * @throws dev.troupe.TroupeException {@code actor/duplicate_key} if it exists, {@code auth/forbidden}
     *                                    if the caller may not create, {@code actor/timeout}
     */
    ActorInfo create(Address address, Input input, Caller caller, Duration timeout);

    /**
     * Destroys the actor (state, schedules); nothing happens if it does not exist.
     *
     * @throws dev.troupe.TroupeException {@code auth/forbidden} if the caller may not destroy,
     *                                    {@code actor/timeout}
     */
    void destroy(Address address, Caller caller, Duration timeout);

    /**
     * What the store knows of the actor, without waking it; empty if it does not exist.
     *
     * @throws dev.troupe.TroupeException {@code auth/forbidden} if the caller may not view the actor
     */
    Optional<ActorInfo> info(Address address, Caller caller);

    /** The address of the actor with this id, if it exists. */
    Optional<Address> resolve(String id);

    /**
     * One page of the actors of {@code type} whose key begins with the parts of {@code keyPrefix}
     * ({@link dev.troupe.Key#startsWith}; the empty key lists them all), in id order after {@code
     * afterId} (exclusive; null for the first page), at most {@code limit}, read from the store
     * without waking them. Paging by the last id seen visits every actor that exists throughout exactly
     * once; actors created or destroyed meanwhile may or may not appear.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found}; {@code auth/forbidden} unless the
     *                                    caller may {@link dev.troupe.AccessRule#LIST} (clients only
     *                                    where a rule grants it by name; a token restricted to one key
     *                                    never)
     */
    List<ActorInfo> list(String type, Key keyPrefix, @Nullable String afterId, int limit, Caller caller);

    /**
     * The caller's view of the actor's state, released once that state is durable. Fails with
     * {@code auth/forbidden} if the caller may not view.
     */
    CompletableFuture<Object> view(Address address, Caller caller, CreateMode mode, Input input);

    /**
     * Opens a connection to the actor: its {@code onBeforeConnect} and {@code onConnect} run as a turn.
     * Fails with {@code auth/forbidden} if the caller may not connect, or with the refusal
     * {@code onBeforeConnect} throws. Subscribing to events is authorised by this check: a
     * subscription is made on a connection, and a connection exists only for a caller that may connect.
     */
    CompletableFuture<HostConnection> connect(Address address, Caller caller, Map<String, Object> params,
                                              ConnectionSink sink, CreateMode mode, Input input);

    /**
     * Opens a channel to the actor of the connection {@code via}, as that connection's caller, with
     * {@code message} (JSON text, or null) as its first message. The actor's {@code onChannelOpen} runs
     * as a turn; the future completes once it accepted and that turn is durable. The channel closes with
     * {@code channel/disconnected} for the actor when {@code via} closes.
     *
     * @return fails with {@code auth/forbidden} unless the caller may {@link dev.troupe.AccessRule#CHANNEL};
     *         {@code channel/rejected} with the actor's reason; {@code channel/timeout} if the actor did
     *         not answer within the call timeout; {@code actor/not_found}; {@code message/too_large}
     */
    CompletableFuture<HostChannel> openChannel(HostConnection via, @Nullable String message, ChannelSink sink);

    /**
     * Sends a raw HTTP request to the actor's {@code onRequest}, as {@code caller}: it runs as a turn,
     * and the future completes with the handler's response once that turn is durable.
     *
     * @return fails with {@code auth/forbidden} unless the caller may {@link dev.troupe.AccessRule#RAW};
     *         {@code raw/not_handled} if the type has no raw handler; the handler's own error;
     *         {@code actor/not_found} for a {@link CreateMode#GET} of an actor that does not exist;
     *         {@code actor/not_supported} for an actor on another node
     */
    CompletableFuture<RawResponse> request(Address address, RawRequest request, Caller caller, CreateMode mode);

    /**
     * Opens a raw WebSocket on the actor for {@code caller}, {@code upgrade} being its upgrade request: the
     * actor's {@code onRawWebSocketOpen} runs as a turn, and the future completes once it accepted and
     * that turn is durable. Text from the client goes through {@link HostChannel#send} (each message a
     * turn); the actor's messages reach {@code sink}, each once its turn is durable.
     *
     * @return fails with {@code auth/forbidden} unless the caller may {@link dev.troupe.AccessRule#RAW};
     *         {@code raw/not_handled} or the refusal the hook threw; {@code channel/timeout};
     *         {@code actor/not_found} for a {@link CreateMode#GET} of an actor that does not exist
     */
    CompletableFuture<HostChannel> openRawSocket(Address address, RawRequest upgrade, Caller caller, CreateMode mode,
                                                 ChannelSink sink);

    /**
     * A typed handle on an actor, addressed by {@code address} or, if that is null, by {@code id};
     * every method call of the contract is a call of this host, waiting at most {@code timeout}.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found} if no type implements the contract
     */
    <C> C handle(Class<C> contract, @Nullable Address address, @Nullable String id, CreateMode mode, Input input,
                 Caller caller, Duration timeout);

    /**
     * A one-way handle on the actor at {@code address}: every method call of the contract sends a
     * durable message as {@code caller} (checked against the type's access rules) and returns its result
     * type's default once the message is in the outbox. Called inside a turn, the message is the turn's
     * and is written with its commit instead.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found} if no type implements the contract
     */
    <C> C oneWay(Class<C> contract, Address address, Caller caller);

    /**
     * Enqueues {@code message} (any JSON-serialisable value) to the queue {@code queue} of the actor at
     * {@code address}, durably, as {@code caller}: it returns once the message is in the store. The
     * actor's {@code onQueueMessage} processes it at least once, effectively once, in order per sender.
     * Called inside a turn, the message is the turn's and is written with its commit instead (and a
     * receiver that does not exist then makes it a dead letter). See {@code docs/queues.md}.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found}; {@code queue/not_found} if the
     *                                    type declares no such queue; {@code message/too_large} above
     *                                    1 MiB of JSON; and from outside a turn {@code auth/forbidden}
     *                                    unless the caller may {@link dev.troupe.AccessRule#ENQUEUE},
     *                                    {@code actor/not_found} if the actor does not exist,
     *                                    {@code actor/unavailable} if the store failed
     */
    void enqueue(Address address, String queue, @Nullable Object message, Caller caller);

    /**
     * The name of the type implementing {@code contract}.
     *
     * @throws dev.troupe.TroupeException {@code actor/type_not_found}
     */
    String typeName(Class<?> contract);

    /** Sends turn and commit timings to {@code observer} until the returned handle is closed. */
    AutoCloseable observe(RuntimeObserver observer);

    /** Current counters. */
    RuntimeStats stats();

    /** Whether the runtime accepts new work: false once it has begun closing. For readiness checks. */
    boolean isAccepting();

    /**
     * The turn history of the actor, for a caller allowed {@link dev.troupe.AccessRule#HISTORY} (which
     * clients are not, unless a rule grants it by name).
     *
     * @throws dev.troupe.TroupeException {@code auth/forbidden}; {@code history/disabled} if the type
     *                                    keeps no history; {@code actor/not_found} if the actor does not
     *                                    exist
     */
    History history(Address address, Caller caller);

    /**
     * The runtime's content store as {@code caller} may use it: every operation is checked against the
     * runtime's content rule for a client caller ({@code auth/forbidden} when it does not allow it),
     * and refused to a caller whose token is restricted to one actor.
     */
    Contents contents(Caller caller);
}
