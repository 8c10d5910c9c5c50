package dev.troupe.bench.counters;

import dev.troupe.demo.Counter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The smallest actor with a Troupe activation's execution model and none of its other work: a mailbox
 * under the object's monitor, drained one message at a time by a virtual thread that exists only while
 * there are messages, and a {@link CompletableFuture} per reply. No store, no durability, no output
 * gate, no registry. It is the floor a Troupe call cannot go below, so Troupe's ratio to it is the cost
 * of everything else.
 *
 * <p>Thread-safe: {@code count} is touched only by the draining thread, and the monitor orders one
 * drain after the previous one.
 */
public final class MailboxCounter implements Counter {
    private @Nullable ArrayDeque<Request> mailbox;
    private boolean draining;
    private long count;

    private record Request(long amount, CompletableFuture<Long> reply) {
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
        return request.reply().join();
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
