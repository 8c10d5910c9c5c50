package dev.troupe.sqlite;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The SQLite store reaches the runtime only through the host interface, and its packages form no cycle. */
class SqliteImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.sqlite");
    }
}
