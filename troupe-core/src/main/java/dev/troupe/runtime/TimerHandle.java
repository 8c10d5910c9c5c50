package dev.troupe.runtime;

import dev.troupe.TimeSource.Wakeup;
import org.jspecify.annotations.Nullable;

/** Cancels a volatile timer; the timer may not have started yet (its turn has not completed). */
final class TimerHandle implements AutoCloseable {
    private @Nullable Wakeup wakeup;
    private @Nullable Runnable onCancel;
    private boolean cancelled;

    /** Starts tracking a scheduled timer; {@code cancelled} runs if it is cancelled before firing. */
    synchronized void start(Wakeup scheduled, Runnable cancelledAction) {
        if (cancelled) {
            scheduled.cancel();
            cancelledAction.run();
            return;
        }
        wakeup = scheduled;
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
            if (wakeup != null && wakeup.cancel()) {
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
