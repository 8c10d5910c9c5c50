package dev.troupe.host;

import dev.troupe.Caller;
import java.util.concurrent.CompletableFuture;

/**
 * A transport's handle on a connection it opened with {@link ActorHost#connect}: its identity, its
 * subscriptions, view sync and closing. Events and views arrive at the {@link ConnectionSink} given
 * to {@code connect}. Thread-safe.
 */
public interface HostConnection {

    /** The connection id, unique in this process. */
    String id();

    /** The id of the actor the connection is attached to. */
    String actorId();

    /** The address of the actor the connection is attached to. */
    Address address();

    /** Who opened the connection. */
    Caller caller();

    /** Whether the connection is still attached. */
    boolean isOpen();

    /**
     * Starts receiving {@code event} ({@code *} for every event the caller may receive). Takes effect
     * at once.
     *
     * @throws dev.troupe.TroupeException {@code event/not_found} or {@code event/forbidden}, as
     *                                    {@link HostedType#checkSubscription}; nothing changes then
     */
    void subscribe(String event);

    /** Stops receiving {@code event}. Takes effect at once. */
    void unsubscribe(String event);

    /**
     * Turns pushing this connection's view after every durable state change on or off.
     *
     * @throws dev.troupe.TroupeException {@code auth/forbidden} (turning it on) if the connection's
     *                                    caller may not view the actor
     */
    void syncViews(boolean enabled);

    /**
     * The current view for this connection's caller, once the state it reflects is durable. Fails
     * with {@code auth/forbidden} if the caller may not view the actor.
     */
    CompletableFuture<Object> view();

    /**
     * Detaches the connection: the actor's {@code onDisconnect} runs as a turn. Idempotent; call it
     * when the transport closes.
     */
    void close();
}
