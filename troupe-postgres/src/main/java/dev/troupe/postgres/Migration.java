package dev.troupe.postgres;

import java.util.List;
import java.util.Objects;

/**
 * One step of the schema's history: the statements that take the schema from {@code version - 1}
 * to {@code version}. A migration, once released, never changes; later changes are new migrations.
 *
 * @param version     the schema version this migration produces, from 1 up without gaps
 * @param description what it does, recorded in {@code troupe_schema_version}
 * @param statements  the SQL statements, run in order in the migrating transaction
 */
record Migration(int version, String description, List<String> statements) {

    /** Checks the fields and freezes the list. */
    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, got " + version);
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
    }
}
