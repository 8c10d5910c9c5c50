package dev.troupe.testkit;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The test kit reaches the runtime only through the host interface, and its packages form no cycle. */
class TestKitImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.testkit");
    }
}
