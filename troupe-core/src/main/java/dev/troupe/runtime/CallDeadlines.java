package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/*
 * Call timeouts without a timer per call.
 *
 * A caller waits for its reply with an untimed get. While it waits, its reply sits in a map with its
 * deadline; a sweep on the runtime's timer thread fails every reply whose deadline has passed with
 * actor/timeout. Registering and removing costs two hash-map operations, where a timed park of a
 * virtual thread registers and cancels a timer in the carrier pool's delay queue on every call
 * (measured at about a fifth of the one-actor call path). The price is precision: a timeout fires up
 * to one sweep interval late. The map holds only calls in flight, so a sweep costs in proportion to
 * them.
 */
final class CallDeadlines {
    private static final long SWEEP_MILLIS = 10;

    private final Map<CompletableFuture<?>, Deadline> waiting = new ConcurrentHashMap<>();

    private record Deadline(long atNanos, Address address, Duration timeout) {
    }

    CallDeadlines(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for {@code reply}, at most about {@code timeout}.
     *
     * @throws TroupeException the reply's error, {@code actor/timeout}, or {@code actor/unavailable} if
     *                         interrupted
     */
    <T> T await(CompletableFuture<T> reply, Duration timeout, Address address) {
        if (!reply.isDone()) {
            waiting.put(reply, new Deadline(System.nanoTime() + timeout.toNanos(), address, timeout));
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
        long now = System.nanoTime();
        waiting.forEach((reply, deadline) -> {
            if (now - deadline.atNanos() >= 0) {
                reply.completeExceptionally(new TroupeException(ErrorCode.TIMEOUT,
                        "no answer from " + deadline.address() + " within " + deadline.timeout().toMillis() + " ms",
                        Map.of("timeoutMs", deadline.timeout().toMillis())));
            }
        });
    }
}
