package dev.troupe.testing;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;

/**
 * A value whose changes {@code onStateChange} records and broadcasts as {@code changed}, for tests of
 * that hook. Two values make the hook misbehave: {@link #CHANGE_AGAIN} and {@link #THROW}.
 */
@ActorContract("test-watched")
public interface Watched {
    /** A value for which {@code onStateChange} tries to change the state again, which is forbidden. */
    long CHANGE_AGAIN = -1;
    /** A value for which {@code onStateChange} throws. */
    long THROW = -2;

    /** Sets the value. */
    long set(long value);

    /** Adds {@code amount} twice, in one turn. */
    long addTwice(long amount);

    /** Sets the state to the very instance it has: no change. */
    void keep();

    /** Sets the value, then throws a {@code UserException}. */
    void setThenFail(long value);

    /** The value. */
    @ReadOnly
    long value();
}
