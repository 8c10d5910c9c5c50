package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.Placement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a message for an actor hosted on another node to the {@link Placement}, as the host operation
 * it stands for, and completes the message's caller with the answer. Messages that only make sense
 * next to a local activation (sleep, volatile timers, disconnects of a connection that is gone) are
 * dropped: their activation no longer exists here.
 */
final class Forwarding {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

    private final Placement placement;

    Forwarding(Placement placement) {
        this.placement = placement;
    }

    void forward(Address address, Message message) {
        try {
            switch (message) {
                case Message.Call call -> pipe(placement.call(address, call.action(), call.args(), call.caller(),
                        call.mode(), call.input(), null), call.reply());
                case Message.Create create when create.parentId() != null -> create.fail(new TroupeException(
                        ErrorCode.NOT_SUPPORTED, "a child cannot be spawned on another node (" + address + ")"));
                case Message.Create create -> pipe(placement.create(address, create.input(), create.caller()),
                        create.reply());
                case Message.Destroy destroy -> pipe(placement.destroy(address), destroy.reply());
                case Message.ViewRequest view -> pipe(placement.view(address, view.caller(), view.mode(),
                        view.input()), view.reply());
                case Message.Connect connect -> pipe(placement.connect(address, connect.caller(), connect.params(),
                        connect.sink(), connect.mode(), connect.input()), connect.reply());
                case Message.ScheduledRun run -> placement.scheduleDue(address)
                        .whenComplete((woken, error) -> run.finished().run());
                case Message.Deliver deliver -> {
                    LOG.trace("message {} to {} is delivered by the node hosting it", deliver.message().id(), address);
                    deliver.finished();
                }
                case Message.Sleep sleep -> LOG.trace("{} sleeps elsewhere", address);
                case Message.TimerFire fire -> LOG.debug("timer {} of {} dropped: the actor moved to another node",
                        fire.action().name(), address);
                case Message.Disconnect disconnect -> LOG.trace("{} disconnected after it moved", address);
                case Message.ChildFailed failed -> LOG.warn("the failure of child {} is not reported: its parent {}"
                        + " lives on another node", failed.child().key(), address);
                case Message.Restart restart -> restart.fail(new TroupeException(ErrorCode.NOT_SUPPORTED,
                        "a child on another node cannot be restarted (" + address + ")"));
                case Message.ChannelOpen open -> open.fail(new TroupeException(ErrorCode.NOT_SUPPORTED,
                        "a channel or raw WebSocket cannot be opened to an actor on another node (" + address + ")"));
                case Message.RawCall raw -> raw.fail(new TroupeException(ErrorCode.NOT_SUPPORTED,
                        "a raw request cannot reach an actor on another node (" + address + ")"));
                case Message.ChannelData data -> data.fail(new TroupeException(ErrorCode.UNAVAILABLE,
                        "the channel's actor " + address + " moved to another node"));
                case Message.ChannelClosed closed -> LOG.trace("channel closed after {} moved", address);
            }
        } catch (RuntimeException e) {
            message.fail(new TroupeException(ErrorCode.UNAVAILABLE,
                    "forwarding to the node hosting " + address + " failed: " + e.getMessage(), e));
        }
    }

    private static <T> void pipe(CompletableFuture<T> answer, CompletableFuture<T> reply) {
        answer.whenComplete((value, error) -> {
            if (error == null) {
                reply.complete(value);
            } else {
                reply.completeExceptionally(error instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : error);
            }
        });
    }
}
