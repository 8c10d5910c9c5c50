package dev.troupe.demo;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The demo reaches the runtime only through the host interface, and its packages form no cycle. */
class DemoImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.demo");
    }
}
