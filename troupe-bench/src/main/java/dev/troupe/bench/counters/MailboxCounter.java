package dev.troupe.bench.counters;

import dev.troupe.demo.Counter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The smallest actor with a Troupe activation's execution model and none of its other work: a mailbox
 * under the object's monitor, drained one message at a time by a virtual thread that exists only while
 * there are messages, and a {@link CompletableFuture} per reply. No store, no durability, no output
 * gate, no registry. It is the floor a Troupe call cannot go below, so Troupe's ratio to it is the cost
 * of everything else.
 *
 * <p>Callers wait for the reply without a timeout unless made with {@code timedWait}, which waits as
 * Troupe's calls do, with {@code CompletableFuture.get(timeout)}: the variant shows what a timed park of
 * a virtual thread per call costs.
 *
 * <p>Thread-safe: {@code count} is touched only by the draining thread, and the monitor orders one
 * drain after the previous one.
 */
public final class MailboxCounter implements Counter {
    private static final long TIMEOUT_SECONDS = 60;

    private final boolean timedWait;
    private @Nullable ArrayDeque<Request> mailbox;
    private boolean draining;
    private long count;

    private record Request(long amount, CompletableFuture<Long> reply) {
    }

    /** A counter whose callers wait without a timeout. */
    public MailboxCounter() {
        this(false);
    }

    /** A counter whose callers wait with a timeout if {@code timedWait}, without one otherwise. */
    public MailboxCounter(boolean timedWait) {
        this.timedWait = timedWait;
    }

    @Override
    public long increment(long amount) {
        return ask(amount);
    }

    @Override
    public long count() {
        return ask(0);
    }

    private long ask(long amount) {
        Request request = new Request(amount, new CompletableFuture<>());
        boolean start;
        synchronized (this) {
            if (mailbox == null) {
                mailbox = new ArrayDeque<>(4);
            }
            mailbox.add(request);
            start = !draining;
            draining = true;
        }
        if (start) {
            Thread.startVirtualThread(this::drain);
        }
        return timedWait ? awaitTimed(request.reply()) : request.reply().join();
    }

    private static long awaitTimed(CompletableFuture<Long> reply) {
        try {
            return reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no reply from the mailbox counter", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the mailbox counter", e);
        }
    }

    private void drain() {
        while (true) {
            Request request;
            synchronized (this) {
                request = mailbox.poll();
                if (request == null) {
                    draining = false;
                    return;
                }
            }
            count = Math.addExact(count, request.amount());
            request.reply().complete(count);
        }
    }
}
