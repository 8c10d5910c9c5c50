package dev.troupe.sqlite;

import java.util.List;

/**
 * One step of the schema's history: the statements that bring a database from {@code version - 1} to
 * {@code version}. Released migrations never change; a new schema is a new migration.
 *
 * @param version     the schema version after this step, counting from 1
 * @param description what the step does, recorded in {@code schema_version}
 * @param statements  the DDL and DML to run, in order
 */
record Migration(int version, String description, List<String> statements) {

    /** Freezes the statements. */
    Migration {
        statements = List.copyOf(statements);
    }
}
