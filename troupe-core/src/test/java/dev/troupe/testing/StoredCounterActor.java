package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.time.Duration;

/**
 * A {@link Counter} that keeps a copy of its count in its storage, in the same turn as the state: the
 * key {@code count}, and one key {@code n/<count>} per increment. The storage crash tests check that
 * after a SIGKILL the two never disagree.
 */
public final class StoredCounterActor extends Actor<CounterActor.State> implements Counter {

    @Override
    protected CounterActor.State initialState(Input input) {
        return new CounterActor.State(0);
    }

    @Override
    public long increment(long amount) {
        long count = update(s -> new CounterActor.State(s.count() + amount)).count();
        storage().put("count", count);
        storage().put("n/" + count, amount);
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
