package dev.troupe.server.stream;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's open WebSocket and SSE streams: counted per actor (to enforce the server's
 * per-actor connection limit), per kind (for metrics) and listed (to end them on shutdown).
 * Thread-safe; admission is atomic per actor.
 */
public final class StreamRegistry {
    /** The kinds of stream. */
    public enum Kind {
        /** A WebSocket connection. */
        WEBSOCKET,
        /** A server-sent events response. */
        SSE,
        /** A view request waiting for a change. */
        VIEW_WAIT
    }

    private final int maxPerActor;
    private final Map<Address, AtomicInteger> perActor = new ConcurrentHashMap<>();
    private final Map<Stream, Kind> open = new ConcurrentHashMap<>();
    private final Map<Kind, AtomicInteger> perKind = Map.of(Kind.WEBSOCKET, new AtomicInteger(),
            Kind.SSE, new AtomicInteger(), Kind.VIEW_WAIT, new AtomicInteger());

    /** A registry admitting at most {@code maxPerActor} streams to one actor. */
    public StreamRegistry(int maxPerActor) {
        this.maxPerActor = maxPerActor;
    }

    /**
     * Counts one more stream to {@code address}; pair with {@link #release}.
     *
     * @throws TroupeException {@code actor/too_many_connections} if the actor is at the server's limit
     */
    public void admit(Address address) {
        AtomicInteger count = perActor.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerActor) {
            release(address);
            throw new TroupeException(ErrorCode.TOO_MANY_CONNECTIONS,
                    address + " already has " + maxPerActor + " connections to this server",
                    Map.of("limit", maxPerActor));
        }
    }

    /** Counts one stream to {@code address} less. */
    public void release(Address address) {
        perActor.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Registers an open stream. */
    public void opened(Stream stream, Kind kind) {
        if (open.put(stream, kind) == null) {
            perKind.get(kind).incrementAndGet();
        }
    }

    /** Unregisters a stream; idempotent. */
    public void closed(Stream stream) {
        Kind kind = open.remove(stream);
        if (kind != null) {
            perKind.get(kind).decrementAndGet();
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until every stream has closed or {@code timeout} passes.
     *
     * @return true if none is open
     */
    public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** How many streams of {@code kind} are open. */
    public int count(Kind kind) {
        return perKind.get(kind).get();
    }

    /** The open streams, a snapshot. */
    public List<Stream> snapshot() {
        Set<Stream> streams = open.keySet();
        return List.copyOf(streams);
    }
}
