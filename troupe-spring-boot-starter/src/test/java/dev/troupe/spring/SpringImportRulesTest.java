package dev.troupe.spring;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The starter reaches the runtime only through the API, and its packages form no cycle. */
class SpringImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.spring");
    }
}
