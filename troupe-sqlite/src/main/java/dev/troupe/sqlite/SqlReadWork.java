package dev.troupe.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** A read on a borrowed connection that yields a value and may fail with {@link SQLException}. */
@FunctionalInterface
interface SqlReadWork<T> {

    /** Does the read on {@code connection}. */
    T run(Connection connection) throws SQLException;
}
