package dev.troupe.runtime;

import dev.troupe.AccessRule;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.RawRequest;
import dev.troupe.TroupeException;
import dev.troupe.host.CreateMode;
import dev.troupe.host.Address;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.HostChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/*
 * Opening channels. An open is a message to the target (ChannelOpen) that runs onChannelOpen as a turn;
 * the turn's reply, released once it is durable, accepts the link. A timer on the runtime's clock ends
 * an open still waiting after the call timeout with channel/timeout (the target, should it accept
 * later, hears that reason in onChannelClosed). Refusals the hook throws reach the opener as
 * channel/rejected, with the refusal's code as metadata.reason.
 *
 * Either side may be an actor (its end is an ActorChannel, whose messages are turns) or a transport's
 * connection (a HostChannelEnd, which closes with channel/disconnected when the connection does).
 */
final class Channels {
    private final ActorRuntime runtime;

    Channels(ActorRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The actor of {@code opener} opens a channel to {@code target}; blocks the opener's turn until the
     * target answered.
     */
    ActorChannel open(Activation opener, Address target, @Nullable Object message) {
        if (target.equals(opener.address())) {
            throw new TroupeException(ErrorCode.CALL_CYCLE, opener.address() + " cannot open a channel to itself",
                    Map.of("chain", target.toString()));
        }
        String first = message == null ? null : ActorChannel.encode(message);
        ChannelLink link = new ChannelLink(Caller.system("actor:" + opener.address()), target);
        ActorChannel end = new ActorChannel(link, opener, Caller.system("actor:" + target));
        link.openerEnd(end);
        try {
            ActorChannel opened = open(link, first, CreateMode.GET, ignored -> end).join();
            opener.openChannels().add(opened);
            return opened;
        } catch (CompletionException e) {
            throw e.getCause() instanceof TroupeException known ? known : e;
        }
    }

    /** A transport opens a channel over {@code via} to the connection's actor. */
    CompletableFuture<HostChannel> open(ActorConnection via, @Nullable String message, ChannelSink sink) {
        ChannelLink link = new ChannelLink(via.caller(), via.address());
        HostChannelEnd end = new HostChannelEnd(link, via, sink);
        link.openerEnd(end);
        try {
            if (message != null) {
                MessageArgs.limited(message, "the contents of a channel message");
            }
        } catch (TroupeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return open(link, message, CreateMode.GET, ignored -> {
            via.channels().add(end);
            if (!via.isOpen()) {
                end.disconnect();
            }
            return end;
        });
    }

    /**
     * A transport opens a raw WebSocket on {@code target} for {@code caller}: a link of its own, whose
     * open runs {@code onRawWebSocketOpen}; {@code mode} says whether it may create the actor.
     */
    CompletableFuture<HostChannel> openRaw(Address target, Caller caller, RawRequest upgrade, CreateMode mode,
                                           ChannelSink sink) {
        ChannelLink link = new ChannelLink(caller, target, upgrade);
        HostChannelEnd end = new HostChannelEnd(link, null, sink);
        link.openerEnd(end);
        return open(link, null, mode, ignored -> end);
    }

    private <E> CompletableFuture<E> open(ChannelLink link, @Nullable String message, CreateMode mode,
                                          Function<ChannelLink, E> opened) {
        CompletableFuture<E> result = new CompletableFuture<>();
        try {
            runtime.authorize(link.target(), link.opener(), link.raw() == null ? AccessRule.CHANNEL : AccessRule.RAW);
        } catch (TroupeException e) {
            result.completeExceptionally(e);
            return result;
        }
        var timeout = runtime.timers().after(runtime.settings().callTimeout(), () -> {
            TroupeException error = link.timeout(runtime.settings().callTimeout().toString());
            if (error != null) {
                result.completeExceptionally(error);
            }
        });
        CompletableFuture<Object> reply = new CompletableFuture<>();
        reply.whenComplete((ignored, failure) -> {
            timeout.cancel();
            if (failure != null) {
                TroupeException error = failure instanceof TroupeException known ? known
                        : new TroupeException(ErrorCode.INTERNAL_ERROR, "the channel could not open");
                link.fail(error);
                result.completeExceptionally(error);
            } else if (link.accept()) {
                result.complete(opened.apply(link));
            } else {
                result.completeExceptionally(new TroupeException(ErrorCode.CHANNEL_CLOSED,
                        "channel to " + link.target() + " closed before it was accepted"));
            }
        });
        runtime.route(link.target(), new Message.ChannelOpen(link, message, mode, reply));
        return result;
    }

    /**
     * What the opener gets when the open failed with {@code error}: a refusal from the hook (a user
     * error) as {@code channel/rejected}, with its message as the reason and its code in
     * {@code metadata.reason}; anything else (the actor absent, the runtime stopping) as it is.
     */
    static TroupeException refusal(TroupeException error) {
        ActorError cause = error.error();
        if (!"user".equals(cause.group())) {
            return error;
        }
        Map<String, Object> metadata = new HashMap<>(cause.metadata());
        metadata.put("reason", cause.qualifiedCode());
        return new TroupeException(ErrorCode.CHANNEL_REJECTED, cause.message(), metadata);
    }
}
