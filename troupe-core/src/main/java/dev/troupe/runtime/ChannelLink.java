package dev.troupe.runtime;

import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/*
 * The shared state of one channel between an opener and a target actor.
 *
 *   OPENING  the target's onChannelOpen has not been accepted yet: nothing may be sent. The open ends in
 *            accept() (the accepting turn is durable), fail() (rejected, the target absent) or close()
 *            (the open timed out, or the opener went away): then CLOSED.
 *   OPEN     both ends send; a message is handed to the other end under this object's monitor, so the
 *            messages of one end reach the other in the order sent, and none after its close.
 *   CLOSED   final; the reason is kept so that a target accepting late learns why (channel/timeout).
 *
 * The ends only queue (an activation's mailbox, a transport's outbox), so holding the monitor while
 * handing over never blocks. Nothing of a link is stored: a channel is a live session. A raw WebSocket
 * (RawSocket) is a link too, whose opener is a transport and whose messages are text of the client's.
 */
final class ChannelLink {
    /** The reason an end hears when the other end closed the channel. */
    static final ActorError CLOSED_BY_PEER = ActorError.of(ErrorCode.CHANNEL_CLOSED, "the other end closed the channel");

    private enum State { OPENING, OPEN, CLOSED }

    private final String id = Ids.next();
    private final Caller opener;
    private final Address target;
    private final dev.troupe.@Nullable RawRequest raw;
    private @Nullable ChannelEnd openerEnd;
    private @Nullable ChannelEnd targetEnd;
    private State state = State.OPENING;
    private @Nullable ActorError reason;

    ChannelLink(Caller opener, Address target) {
        this(opener, target, null);
    }

    /** A link of a raw WebSocket when {@code raw} (its upgrade request) is not null: its messages are text, not JSON. */
    ChannelLink(Caller opener, Address target, dev.troupe.@Nullable RawRequest raw) {
        this.opener = opener;
        this.target = target;
        this.raw = raw;
    }

    /** The upgrade request of a raw WebSocket, or null for a channel. */
    dev.troupe.@Nullable RawRequest raw() {
        return raw;
    }

    String id() {
        return id;
    }

    Caller opener() {
        return opener;
    }

    Address target() {
        return target;
    }

    /** The opener's end, set once before the open is sent. */
    synchronized void openerEnd(ChannelEnd end) {
        openerEnd = end;
    }

    /** The target's end, made by the target's activation when the open reaches it. */
    synchronized void targetEnd(ChannelEnd end) {
        targetEnd = end;
    }

    synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    /** Whether the channel has ended (rejected, timed out or closed), as opposed to open or still opening. */
    synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * The target accepted, and that is durable. If the channel closed meanwhile (the open timed out),
     * the target's end hears why instead.
     *
     * @return whether the channel is now open
     */
    synchronized boolean accept() {
        if (state == State.OPENING) {
            state = State.OPEN;
            return true;
        }
        if (targetEnd != null && reason != null) {
            targetEnd.closed(reason);
        }
        return false;
    }

    /** The open failed (rejected, or the target is absent); nobody else needs to hear of it. */
    synchronized void fail(TroupeException error) {
        if (state == State.OPENING) {
            state = State.CLOSED;
            reason = error.error();
        }
    }

    /**
     * The open is still waiting after the timeout: it ends, and a target that accepts later learns it.
     *
     * @return the error for the opener, or null if the open had ended already
     */
    synchronized @Nullable TroupeException timeout(String waited) {
        if (state != State.OPENING) {
            return null;
        }
        TroupeException error = new TroupeException(ErrorCode.CHANNEL_TIMEOUT, target + " did not accept the channel within "
                + waited, Map.of("target", target.toString()));
        state = State.CLOSED;
        reason = error.error();
        return error;
    }

    /**
     * Hands {@code json} from {@code from} to the other end.
     *
     * @throws TroupeException {@code channel/closed} unless the channel is open
     */
    synchronized void send(ChannelEnd from, String json) {
        if (state != State.OPEN) {
            throw new TroupeException(ErrorCode.CHANNEL_CLOSED, "channel " + id + " to " + target + " is "
                    + (state == State.OPENING ? "not accepted yet" : "closed"), Map.of("channel", id));
        }
        other(from).deliver(json);
    }

    /** Like {@link #send}, but a closed channel drops the message (a turn's output released after a close). */
    synchronized void sendIfOpen(ChannelEnd from, String json) {
        if (state == State.OPEN) {
            other(from).deliver(json);
        }
    }

    /**
     * {@code from} closes the channel, or the runtime closes it for {@code from} (its actor is gone):
     * the other end hears {@code why}. Idempotent. An open still waiting ends with {@code why}.
     *
     * @return whether this call closed it
     */
    synchronized boolean close(ChannelEnd from, ActorError why) {
        State was = state;
        if (was == State.CLOSED) {
            return false;
        }
        state = State.CLOSED;
        reason = why;
        if (was == State.OPEN) {
            other(from).closed(why);
        }
        return true;
    }

    private ChannelEnd other(ChannelEnd end) {
        ChannelEnd other = end == openerEnd ? targetEnd : openerEnd;
        if (other == null) {
            throw new IllegalStateException("channel " + id + " to " + target + " lacks an end");
        }
        return other;
    }
}
