package dev.troupe.testing;

import dev.troupe.ActorContract;

/** Sets a timer whose action always fails, for tests of failing turns without a caller. */
@ActorContract("test-alarm")
public interface Alarm {
    /** Starts a timer that calls {@link #ring} after {@code delayMillis}. */
    void arm(long delayMillis);

    /** Fails with {@code user/broken}. */
    void ring();
}
