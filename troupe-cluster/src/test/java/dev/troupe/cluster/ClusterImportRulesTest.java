package dev.troupe.cluster;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/** The cluster reaches the runtime only through the host interface (Placement, PlacedHost). */
class ClusterImportRulesTest {
    @Test
    void importsNoRuntimeClass_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.cluster");
    }
}
