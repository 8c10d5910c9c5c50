package dev.troupe.runtime;

import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/** Cancels a volatile timer; the timer may not have started yet (its turn has not completed). */
final class TimerHandle implements AutoCloseable {
    private @Nullable ScheduledFuture<?> future;
    private @Nullable Runnable onCancel;
    private boolean cancelled;

    /** Starts tracking a scheduled timer; {@code cancelled} runs if it is cancelled before firing. */
    synchronized void start(ScheduledFuture<?> scheduled, Runnable cancelledAction) {
        if (cancelled) {
            scheduled.cancel(false);
            cancelledAction.run();
            return;
        }
        future = scheduled;
        onCancel = cancelledAction;
    }

    /** Cancels the timer if it has not fired yet. Idempotent. */
    void cancel() {
        Runnable action = null;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            if (future != null && future.cancel(false)) {
                action = onCancel;
            }
        }
        if (action != null) {
            action.run();
        }
    }

    @Override
    public void close() {
        cancel();
    }
}
