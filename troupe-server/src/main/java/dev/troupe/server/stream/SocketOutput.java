package dev.troupe.server.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * The outbound side of one WebSocket: the Jetty session once it opened and the bounded {@link Outbox}
 * in front of it. Protocol v1's endpoint and the adapters' sockets all write, close and end through
 * it, so that a slow client, a failed write and a last frame before a close behave alike everywhere.
 * Before {@link #open} and after {@link #shutdown} sends are dropped. Thread-safe.
 */
public final class SocketOutput {
    /** The queue entry of {@link #closeWhenSent}: known by identity, never written. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String CLOSE_MARK = new String("close");

    private final boolean binary;
    private volatile @Nullable Session session;
    private volatile @Nullable Outbox outbox;

    private SocketOutput(boolean binary) {
        this.binary = binary;
    }

    /** An output of text frames. */
    public static SocketOutput text() {
        return new SocketOutput(false);
    }

    /** An output of binary frames: each queued string is the Latin-1 form of one frame's bytes (one char per byte). */
    public static SocketOutput latin1Binary() {
        return new SocketOutput(true);
    }

    /**
     * Starts writing to {@code opened}, at most {@code limit} frames queued or in flight.
     *
     * @param onOverflow     runs once when a frame would exceed the limit (the client reads too slowly)
     * @param onWriteFailure runs when a write fails (the client is gone); the queue is closed then
     */
    public void open(Session opened, int limit, Runnable onOverflow, Consumer<Throwable> onWriteFailure) {
        session = opened;
        outbox = new Outbox(this::write, limit, onOverflow, (frame, failure) -> onWriteFailure.accept(failure));
    }

    /** The queue, once open; null before. */
    public @Nullable Outbox outbox() {
        return outbox;
    }

    /** Queues {@code frame}, if the socket is open. */
    public void send(String frame) {
        Outbox out = outbox;
        if (out != null) {
            out.offer(frame);
        }
    }

    /** Closes the socket with {@code code} and {@code reason} at once, dropping what is queued. */
    public void close(int code, String reason) {
        Session open = session;
        if (open != null) {
            open.close(code, reason, Callback.NOOP);
        }
    }

    /** Queues {@code last} and closes the socket once it is written; closes at once if it cannot be queued. */
    public void closeAfter(String last, int code, String reason) {
        Outbox out = outbox;
        if (out == null || !out.offer(last, () -> close(code, reason))) {
            close(code, reason);
        }
    }

    /**
     * Closes the socket with {@code code} and {@code reason} once every frame queued before is written
     * (at once if nothing can be queued): a close that follows the frames, with no frame of its own.
     */
    public void closeWhenSent(int code, String reason) {
        Outbox out = outbox;
        if (out == null || !out.offer(CLOSE_MARK, () -> close(code, reason))) {
            close(code, reason);
        }
    }

    /** Stops the queue: frames still queued are dropped and later sends are ignored. */
    public void shutdown() {
        Outbox out = outbox;
        if (out != null) {
            out.close();
        }
    }

    private void write(String frame, Outbox.Completion done) {
        Session open = session;
        if (open == null || !open.isOpen()) {
            done.complete(new IllegalStateException("the socket is closed"));
            return;
        }
        if (frame == CLOSE_MARK) {
            done.complete(null);
            return;
        }
        Callback callback = Callback.from(() -> done.complete(null), done::complete);
        if (binary) {
            open.sendBinary(ByteBuffer.wrap(frame.getBytes(StandardCharsets.ISO_8859_1)), callback);
        } else {
            open.sendText(frame, callback);
        }
    }
}
