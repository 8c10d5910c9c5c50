package dev.troupe.bench;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The benchmarks reaches the runtime only through the host interface, and its packages form no cycle. */
class BenchImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.bench");
    }
}
