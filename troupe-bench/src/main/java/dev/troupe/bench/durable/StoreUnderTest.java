package dev.troupe.bench.durable;

import dev.troupe.store.Store;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * A database that the durable benchmark measures Troupe on: the Troupe store on it, and a
 * {@link StorageCeiling} in the same database at the same durability setting.
 */
interface StoreUnderTest extends AutoCloseable {

    /** How the tables name the store ("SQLite"). */
    String label();

    /** Opens the Troupe store on the database; the runtime that uses it closes it. */
    Store openStore();

    /** Opens the ceiling with {@code rows} rows, on a connection of its own. */
    StorageCeiling openCeiling(int rows) throws SQLException;

    /** The directory holding the database's files, where the fsync ceiling is measured too. */
    Path dataDirectory();

    /** The durability settings in force, read back from the database, for the notes. */
    List<String> durabilitySettings() throws SQLException;

    /** Releases the database (for an embedded server: stops it). */
    @Override
    void close() throws Exception;
}
