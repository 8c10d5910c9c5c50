package dev.troupe.runtime;

import dev.troupe.host.Address;
import dev.troupe.ErrorCode;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Call timeouts without a timer per call.
 *
 * A caller waits for its reply with an untimed get. While it waits, its reply sits in a map with its
 * deadline, read from the runtime's time source; a sweep woken by that time source fails every reply whose deadline has passed with
 * actor/timeout. Registering and removing costs two hash-map operations, where a timed park of a
 * virtual thread registers and cancels a timer in the carrier pool's delay queue on every call
 * (measured at about a fifth of the one-actor call path). The price is precision: a timeout fires up
 * to one sweep interval late.
 *
 * The sweep visits the map only when a deadline may have passed: `earliest` is a lower bound on the
 * deadlines of the calls in flight. A registration lowers it; a sweep that visits the map raises it
 * to the earliest deadline it saw. The sweep first resets it to "none" and lowers it afterwards, so a
 * call registered during the visit, which the visit may miss, has already lowered it. Calls usually
 * finish long before their timeout, so most sweeps end after one comparison (visiting 1,000 calls
 * in flight every 10 ms was 6 % of the CPU in the durable benchmark's profile).
 */
final class CallDeadlines {
    /** How often expired calls are looked for, on the time source. */
    static final Duration SWEEP = Duration.ofMillis(10);
    /** How far ahead "no deadline" lies; within the range where nanoTime differences compare correctly. */
    private static final long NONE_NANOS = TimeUnit.DAYS.toNanos(1);

    private final TimeSource time;
    private final Map<CompletableFuture<?>, Deadline> waiting = new ConcurrentHashMap<>();
    private final AtomicLong earliest;

    private record Deadline(long atNanos, Address address, Duration timeout) {
    }

    CallDeadlines(RuntimeTimers timers) {
        this.time = timers.time();
        this.earliest = new AtomicLong(time.nanoTime() + NONE_NANOS);
        timers.every(SWEEP, this::sweep);
    }

    /**
     * Waits for {@code reply}, at most about {@code timeout}.
     *
     * @throws TroupeException the reply's error, {@code actor/timeout}, or {@code actor/unavailable} if
     *                         interrupted
     */
    <T> T await(CompletableFuture<T> reply, Duration timeout, Address address) {
        if (!reply.isDone()) {
            long at = time.nanoTime() + timeout.toNanos();
            waiting.put(reply, new Deadline(at, address, timeout));
            lowerEarliest(at);
        }
        try {
            return reply.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TroupeException known) {
                throw known;
            }
            throw new TroupeException(ErrorCode.INTERNAL_ERROR, "internal error calling " + address, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted while calling " + address);
        } finally {
            waiting.remove(reply);
        }
    }

    private void sweep() {
        long now = time.nanoTime();
        if (now - earliest.get() < 0) {
            return;
        }
        earliest.set(now + NONE_NANOS);
        long[] next = {now + NONE_NANOS};
        waiting.forEach((reply, deadline) -> {
            if (now - deadline.atNanos() >= 0) {
                reply.completeExceptionally(new TroupeException(ErrorCode.TIMEOUT,
                        "no answer from " + deadline.address() + " within " + deadline.timeout().toMillis() + " ms",
                        Map.of("timeoutMs", deadline.timeout().toMillis())));
            } else if (deadline.atNanos() - next[0] < 0) {
                next[0] = deadline.atNanos();
            }
        });
        lowerEarliest(next[0]);
    }

    private void lowerEarliest(long at) {
        long current = earliest.get();
        while (at - current < 0 && !earliest.compareAndSet(current, at)) {
            current = earliest.get();
        }
    }
}
