package dev.troupe.runtime;

import dev.troupe.ErrorCode;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The calls whose actors answer later ({@code deferReply}), by reply id, until they are answered or
 * expire. They live in memory only: a deferred call expires after the runtime's call timeout with
 * {@code actor/timeout}, and none survives the process.
 */
final class DeferredReplies {
    private final Map<String, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();
    private final RuntimeTimers timers;
    private final Duration timeout;

    DeferredReplies(RuntimeTimers timers, Duration timeout) {
        this.timers = timers;
        this.timeout = timeout;
    }

    /** The call with {@code reply} is answered later under {@code id}. */
    void register(String id, CompletableFuture<Object> reply) {
        waiting.put(id, reply);
        TimeSource.Wakeup expiry = timers.after(timeout, () -> reply.completeExceptionally(new TroupeException(
                ErrorCode.TIMEOUT, "the deferred reply " + id + " did not come within " + timeout)));
        reply.whenComplete((result, error) -> {
            waiting.remove(id);
            expiry.cancel();
        });
    }

    /** The reply still awaited under {@code id}, or null. */
    @Nullable CompletableFuture<Object> find(String id) {
        return waiting.get(id);
    }
}
