package dev.troupe.sqlite;

import java.sql.SQLException;

/** A unit of JDBC work that yields a value and may fail with {@link SQLException}. */
@FunctionalInterface
interface SqlWork<T> {

    /** Does the work. */
    T run() throws SQLException;
}
