package dev.troupe.postgres;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store reaches the runtime only through the host interface, and its packages form no cycle. */
class PostgresImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.postgres");
    }
}
