package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.UserException;
import java.time.Duration;
import java.util.List;

/**
 * A {@link Counter} that records every increment as a row of its SQL database, in the same turn as the
 * state: table {@code increments (n, amount, padding)}, one row per increment numbered by the count it
 * reached, padded so that the database spans many pages. The SQL crash tests check that after a SIGKILL
 * the rows and the count never disagree.
 */
public final class SqlCounterActor extends Actor<CounterActor.State> implements Counter {
    /** The schema, migrated on every wake. */
    public static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE increments (n INTEGER PRIMARY KEY, amount INTEGER NOT NULL, padding BLOB)");
    private static final int PADDING = 300;

    @Override
    protected CounterActor.State initialState(Input input) {
        return new CounterActor.State(0);
    }

    @Override
    protected void onWake() {
        sql().migrate(MIGRATIONS);
    }

    @Override
    public long increment(long amount) {
        long count = update(s -> new CounterActor.State(s.count() + amount)).count();
        sql().exec("INSERT INTO increments (n, amount, padding) VALUES (?, ?, zeroblob(?))", count, amount, PADDING);
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
