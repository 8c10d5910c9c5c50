package dev.troupe.runtime;

import dev.troupe.host.HostConnection;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.ActorError;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.ChildFailure;
import dev.troupe.ChildInfo;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.store.DueSchedule;
import dev.troupe.store.OutboxMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** What an activation's mailbox holds: each message becomes one turn (or none, if it finds nothing to do). */
sealed interface Message {

    /** Whether this message may create the actor if it does not exist, or needs it to exist. */
    CreateMode mode();

    /** The creation input, for messages that may create. */
    default Input input() {
        return Input.none();
    }

    /** Fails the message's caller, if it has one. */
    void fail(TroupeException error);

    /** Completes {@code reply} if the error says the actor is absent (what the operation wanted), else fails it. */
    private static void succeedIfAbsent(CompletableFuture<Void> reply, TroupeException error) {
        if (error.is(ErrorCode.NOT_FOUND)) {
            reply.complete(null);
        } else {
            reply.completeExceptionally(error);
        }
    }

    /** An action call. */
    record Call(Action action, Object[] args, Caller caller, CallChain chain, CreateMode mode, Input input,
                @Nullable ActorConnection connection, CompletableFuture<Object> reply) implements Message {
        @Override
        public void fail(TroupeException error) {
            reply.completeExceptionally(error);
        }
    }

    /**
     * An explicit create: fails with {@code actor/duplicate_key} if the actor exists. {@code parentId}
     * is the id of the actor spawning it as its child, or null.
     */
    record Create(Input input, Caller caller, @Nullable String parentId, CompletableFuture<ActorInfo> reply)
            implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.CREATE;
        }

        @Override
        public void fail(TroupeException error) {
            reply.completeExceptionally(error);
        }
    }

    /** A durable schedule came due. */
    record ScheduledRun(DueSchedule due, Runnable finished) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            finished.run();
        }
    }

    /** A one-way message from the outbox, routed by the relay; processed only if it is the next of its pair. */
    record Deliver(OutboxMessage message, MessageRelay relay) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            relay.undelivered(message, error);
        }

        /** The delivery ended: the message was processed, or dropped as a duplicate or out of order. */
        void finished() {
            relay.finished(message.id());
        }
    }

    /** A volatile timer fired. */
    record TimerFire(Action action, Object[] args) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            // A timer has no caller to tell; the activation logs the failure.
        }
    }

    /** Put the actor to sleep if it is (still) idle, or unconditionally when {@code force}. */
    record Sleep(boolean force) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            // Nobody waits for a sleep.
        }
    }

    /** Destroy the actor; completes normally if it does not exist. */
    record Destroy(CompletableFuture<Void> reply) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            succeedIfAbsent(reply, error);
        }
    }

    /** Open a connection. */
    record Connect(Caller caller, Map<String, Object> params, ConnectionSink sink, CreateMode mode, Input input,
                   CompletableFuture<HostConnection> reply) implements Message {
        @Override
        public void fail(TroupeException error) {
            reply.completeExceptionally(error);
        }
    }

    /** A caller asks for its view of the state. */
    record ViewRequest(Caller caller, CreateMode mode, Input input, CompletableFuture<Object> reply)
            implements Message {
        @Override
        public void fail(TroupeException error) {
            reply.completeExceptionally(error);
        }
    }

    /**
     * A turn of a child of this actor failed: run {@code onChildFailed}, then the supervisor strategy.
     * {@code decided} is the failure as the hook sees it, with what the strategy decided; null until then.
     */
    record ChildFailed(ChildInfo child, TroupeException error, String turn, @Nullable ChildFailure decided)
            implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            // The parent is gone: nobody supervises the child any more; the runtime logged the failure.
        }
    }

    /**
     * The supervisor restarts this actor: drop the activation and rebuild it from the last committed
     * state, or from the initial state; completes {@code done} once rebuilt (normally also if the
     * actor no longer exists).
     */
    record Restart(boolean fromInitialState, CompletableFuture<Void> done) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            succeedIfAbsent(done, error);
        }
    }

    /** A connection closed. */
    record Disconnect(ActorConnection connection) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            // The transport is gone; nobody to tell.
        }
    }

    /**
     * A channel asks to open: run {@code onChannelOpen} (a raw WebSocket: {@code onRawWebSocketOpen});
     * {@code reply} completes once the acceptance is durable, or fails with the refusal
     * ({@code channel/rejected}) or why the actor is not there. Only a raw WebSocket may create the actor.
     */
    record ChannelOpen(ChannelLink link, @Nullable String message, CreateMode mode, CompletableFuture<Object> reply)
            implements Message {
        @Override
        public void fail(TroupeException error) {
            reply.completeExceptionally(link.raw() == null ? Channels.refusal(error) : error);
        }
    }

    /** A raw HTTP request: run {@code onRequest}; {@code reply} completes with its response once durable. */
    record RawCall(dev.troupe.RawRequest request, Caller caller, CreateMode mode, CompletableFuture<Object> reply)
            implements Message {
        @Override
        public void fail(TroupeException error) {
            reply.completeExceptionally(error);
        }
    }

    /** A message arrived on one of this actor's channels: run {@code onChannelMessage}. */
    record ChannelData(ActorChannel channel, String json) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            channel.terminate(error.error());
        }
    }

    /** One of this actor's channels closed, not by this actor: run {@code onChannelClosed}. */
    record ChannelClosed(ActorChannel channel, ActorError reason) implements Message {
        @Override
        public CreateMode mode() {
            return CreateMode.GET;
        }

        @Override
        public void fail(TroupeException error) {
            // The actor is gone: nobody is left to tell.
        }
    }
}
