package dev.troupe.server.architecture;

import dev.troupe.testing.ImportRules;
import org.junit.jupiter.api.Test;

/**
 * The import rules of troupe-server: it reaches the runtime only through the host interface
 * ({@code dev.troupe.host}), never {@code dev.troupe.runtime}, and its packages form no cycle.
 */
class ServerArchitectureTest {
    @Test
    void theServer_neverImportsTheRuntime_andItsPackagesFormNoCycle() {
        ImportRules.check("dev.troupe.server");
    }
}
