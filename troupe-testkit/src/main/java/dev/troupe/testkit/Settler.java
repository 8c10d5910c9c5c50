package dev.troupe.testkit;

import dev.troupe.Troupe;
import java.time.Duration;

/** Waits for a kit's runtime to become quiescent, or fails the test saying what it was waiting after. */
final class Settler {
    private final Troupe troupe;
    private final Duration timeout;

    Settler(Troupe troupe, Duration timeout) {
        this.troupe = troupe;
        this.timeout = timeout;
    }

    /**
     * Returns once the runtime has nothing left to do.
     *
     * @throws AssertionError if it is still busy after the timeout, naming {@code after}
     */
    void settle(String after) {
        if (!troupe.awaitQuiescence(timeout)) {
            throw new AssertionError("the runtime was still busy " + timeout.toMillis() + " ms after " + after
                    + "; a turn may be blocked, or another thread still calling");
        }
    }
}
