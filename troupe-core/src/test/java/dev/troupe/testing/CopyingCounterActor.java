package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.time.Duration;

/**
 * A {@link Counter} that copies each increment somewhere beside its state, in the same turn; the crash
 * tests check that after a SIGKILL the copy and the count never disagree.
 */
public abstract class CopyingCounterActor extends Actor<CounterActor.State> implements Counter {

    /** Copies the increment that reached {@code count}, in the current turn. */
    protected abstract void copy(long count, long amount);

    @Override
    protected CounterActor.State initialState(Input input) {
        return new CounterActor.State(0);
    }

    @Override
    public long increment(long amount) {
        long count = update(s -> new CounterActor.State(s.count() + amount)).count();
        copy(count, amount);
        return count;
    }

    @Override
    public long count() {
        return state().count();
    }

    @Override
    public long incrementThenFail(long amount) {
        increment(amount);
        throw new UserException("refused", "no increments today");
    }

    @Override
    public String incrementLater(long delayMillis, long amount) {
        return schedules().after(Duration.ofMillis(delayMillis), "increment", amount);
    }

    @Override
    public void incrementSoon(long delayMillis, long amount) {
        timers().after(Duration.ofMillis(delayMillis), "increment", amount);
    }

    @Override
    public int overlaps() {
        return 0;
    }
}
