package dev.troupe.client;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The Java client reaches the runtime only through the host interface, and its packages form no cycle. */
class ClientImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.client");
    }
}
