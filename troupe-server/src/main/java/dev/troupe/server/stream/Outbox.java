package dev.troupe.server.stream;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/*
 * A bounded, ordered outbound queue in front of a transport that accepts one write at a time.
 *
 * Producers (runtime threads releasing events and views, request threads answering frames) must never
 * block, and a client that reads slowly must not make the server buffer without bound. So offer() only
 * enqueues, and at most one write is in flight: its completion starts the next one. The queue counts
 * what is enqueued or in flight; an offer that would take it past the limit marks the client as a
 * slow consumer: the queue is dropped and the overflow action runs once (the WebSocket closes with
 * 4008, the SSE stream ends).
 *
 * Draining uses a work-in-progress counter rather than recursion, so a transport that completes
 * writes synchronously does not grow the stack: the thread that finds the counter at zero drains
 * until nobody asked for more work meanwhile.
 */

/** A bounded, ordered, non-blocking outbound message queue for one connection. Thread-safe. */
public final class Outbox {

    /** Writes one message and reports completion exactly once: {@code done.accept(null)} or with the failure. */
    @FunctionalInterface
    public interface Transport {
        /** Starts writing {@code text}; calls {@code done} when the write completed or failed. */
        void write(String text, Completion done);
    }

    /** The completion of one write. */
    @FunctionalInterface
    public interface Completion {
        /** The write finished; {@code failure} is null on success. */
        void complete(@Nullable Throwable failure);
    }

    private record Entry(String text, @Nullable Runnable afterWrite) {
    }

    private final Transport transport;
    private final int limit;
    private final Runnable onOverflow;
    private final BiConsumer<String, Throwable> onWriteFailure;
    private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean writing;

    /**
     * An outbox of at most {@code limit} messages.
     *
     * @param onOverflow     runs once when a message would exceed the limit
     * @param onWriteFailure runs when a write fails (the client is gone); the outbox is then closed
     */
    public Outbox(Transport transport, int limit, Runnable onOverflow, BiConsumer<String, Throwable> onWriteFailure) {
        this.transport = transport;
        this.limit = limit;
        this.onOverflow = onOverflow;
        this.onWriteFailure = onWriteFailure;
    }

    /**
     * Queues a message behind those already queued.
     *
     * @return false if the outbox is closed or this message overflowed it (then it is closed)
     */
    public boolean offer(String text) {
        return offer(text, null);
    }

    /**
     * Queues a message and runs {@code afterWrite} once it has been written (used to close a socket
     * after its last frame). {@code afterWrite} does not run if the message is never written.
     *
     * @return false if the outbox is closed or this message overflowed it
     */
    public boolean offer(String text, @Nullable Runnable afterWrite) {
        if (closed.get()) {
            return false;
        }
        if (size.incrementAndGet() > limit) {
            if (closed.compareAndSet(false, true)) {
                queue.clear();
                onOverflow.run();
            }
            return false;
        }
        queue.add(new Entry(text, afterWrite));
        drain();
        return true;
    }

    /** Stops writing; queued messages are dropped. Idempotent. */
    public void close() {
        closed.set(true);
        queue.clear();
    }

    /** Whether the outbox still accepts messages. */
    public boolean isOpen() {
        return !closed.get();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            if (!writing && !closed.get()) {
                Entry next = queue.poll();
                if (next != null) {
                    writing = true;
                    transport.write(next.text(), failure -> written(next, failure));
                }
            }
        } while (wip.decrementAndGet() != 0);
    }

    private void written(Entry entry, @Nullable Throwable failure) {
        size.decrementAndGet();
        writing = false;
        if (failure != null) {
            close();
            onWriteFailure.accept(entry.text(), failure);
            return;
        }
        if (entry.afterWrite() != null) {
            entry.afterWrite().run();
        }
        drain();
    }
}
