package dev.troupe.testing;

import java.util.List;

/**
 * A {@link Counter} that records every increment as a row of its SQL database, in the same turn as the
 * state: table {@code increments (n, amount, padding)}, one row per increment numbered by the count it
 * reached, padded so that the database spans many pages. The SQL crash tests check that after a SIGKILL
 * the rows and the count never disagree.
 */
public final class SqlCounterActor extends CopyingCounterActor {
    /** The schema, migrated on every wake. */
    public static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE increments (n INTEGER PRIMARY KEY, amount INTEGER NOT NULL, padding BLOB)");
    private static final int PADDING = 300;

    @Override
    protected void onWake() {
        sql().migrate(MIGRATIONS);
    }

    @Override
    protected void copy(long count, long amount) {
        sql().exec("INSERT INTO increments (n, amount, padding) VALUES (?, ?, zeroblob(?))", count, amount, PADDING);
    }
}
