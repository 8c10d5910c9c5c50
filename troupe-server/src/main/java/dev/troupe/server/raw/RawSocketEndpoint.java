package dev.troupe.server.raw;

import dev.troupe.ActorError;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.ChannelSink;
import dev.troupe.host.HostChannel;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.SocketOutput;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One raw WebSocket, from the actor's acceptance to the close.
 *
 *   The actor accepted before the upgrade, so its first messages (those sent by onRawWebSocketOpen) may
 *   arrive before Jetty opens the session: they are held, in order, and sent once it opens; a close the
 *   actor made meanwhile follows them.
 *   Text frames go to the actor as they come, each a turn; a binary frame closes the socket with 1003.
 *   The actor's messages go out through a bounded queue (a slow reader is closed with 4008).
 *   The client closing, or the connection dropping, closes the actor's end (channel/closed); the actor
 *   closing closes the socket with 1000; the actor destroyed or its runtime stopping closes it with the
 *   code of that error (4004, 1001).
 */

/**
 * One raw WebSocket to an actor: its text messages both ways, in no format of Troupe's. Public only
 * because Jetty looks up its listener methods reflectively; created by {@link RawRoutes}.
 */
public final class RawSocketEndpoint implements Session.Listener.AutoDemanding, ChannelSink, Stream {
    private static final Logger LOG = LoggerFactory.getLogger(RawSocketEndpoint.class);
    private static final int NORMAL = 1000;
    private static final int GOING_AWAY = 1001;
    private static final int UNSUPPORTED_DATA = 1003;
    private static final int TOO_BIG = 1009;
    private static final int NOT_FOUND = 4004;
    private static final int SLOW_CONSUMER = 4008;

    private final Gateway gateway;
    private final Address address;
    private final SocketOutput out = SocketOutput.text();
    private final List<String> early = new ArrayList<>();
    private @Nullable HostChannel socket;
    private boolean open;
    private boolean released;
    private @Nullable ActorError closedByActor;

    RawSocketEndpoint(Gateway gateway, Address address) {
        this.gateway = gateway;
        this.address = address;
    }

    /** The actor accepted: {@code accepted} carries the client's messages to it. */
    synchronized void attach(HostChannel accepted) {
        socket = accepted;
    }

    /** The upgrade failed after the actor accepted: close the actor's end. */
    void abandon() {
        HostChannel attached;
        synchronized (this) {
            attached = socket;
        }
        if (attached != null) {
            attached.close();
        }
        release();
    }

    // ---- Jetty's side -------------------------------------------------------------------------

    @Override
    public void onWebSocketOpen(Session session) {
        out.open(session, gateway.config().outboundQueueLimit(), this::slowConsumer, this::writeFailed);
        gateway.streams().opened(this, StreamRegistry.Kind.WEBSOCKET);
        synchronized (this) {
            open = true;
            early.forEach(out::send);
            early.clear();
            if (closedByActor != null) {
                closeFor(closedByActor);
            } else if (gateway.isClosing()) {
                out.close(GOING_AWAY, "server shutting down");
            }
        }
    }

    @Override
    public void onWebSocketText(String text) {
        HostChannel attached;
        synchronized (this) {
            attached = socket;
        }
        if (attached == null) {
            return;
        }
        try {
            attached.send(text);
        } catch (TroupeException e) {
            if (e.is(ErrorCode.MESSAGE_TOO_LARGE)) {
                out.close(TOO_BIG, e.error().qualifiedCode());
            }
            LOG.debug("raw WebSocket message to {} not delivered: {}", address, e.getMessage());
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        out.close(UNSUPPORTED_DATA, "binary messages are not supported; send text");
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("raw WebSocket error on {}: {}", address, cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        abandon();
        out.shutdown();
        gateway.streams().closed(this);
        callback.succeed();
    }

    @Override
    public void goingAway() {
        out.close(GOING_AWAY, "server shutting down");
    }

    // ---- the runtime's side -------------------------------------------------------------------

    @Override
    public synchronized void message(String text) {
        if (open) {
            out.send(text);
        } else {
            early.add(text);
        }
    }

    @Override
    public synchronized void closed(ActorError reason) {
        if (open) {
            closeFor(reason);
        } else {
            closedByActor = reason;
        }
    }

    /**
     * Closes the socket once what is queued is written: 1000 if the actor closed it, 4004 if it was
     * destroyed, 1001 if its runtime stopped or it moved; the reason is the error's code.
     */
    private void closeFor(ActorError reason) {
        String code = reason.qualifiedCode();
        if (code.equals(ErrorCode.CHANNEL_CLOSED.qualified())) {
            out.closeWhenSent(NORMAL, "");
        } else {
            out.closeWhenSent(code.equals(ErrorCode.NOT_FOUND.qualified()) ? NOT_FOUND : GOING_AWAY, code);
        }
    }

    private void slowConsumer() {
        LOG.info("raw WebSocket client of {} is too slow ({} messages queued); closing with {}", address,
                gateway.config().outboundQueueLimit(), SLOW_CONSUMER);
        gateway.metrics().error(ErrorCode.SLOW_CONSUMER.qualified());
        out.close(SLOW_CONSUMER, "slow consumer");
        abandon();
    }

    private void writeFailed(Throwable failure) {
        LOG.debug("write to raw WebSocket client of {} failed: {}", address, failure.toString());
        abandon();
    }

    private synchronized void release() {
        if (!released) {
            released = true;
            gateway.streams().release(address);
        }
    }
}
