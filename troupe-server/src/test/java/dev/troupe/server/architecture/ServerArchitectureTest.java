package dev.troupe.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The import rules of troupe-server: it reaches the runtime only through the host interface
 * ({@code dev.troupe.host}), never {@code dev.troupe.runtime}, and its packages form no cycle.
 */
class ServerArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.troupe.server");

    @Test
    void theServer_neverImportsTheRuntime() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.troupe.runtime..").check(SERVER);
    }

    @Test
    void theServersPackages_formNoCycle() {
        slices().matching("dev.troupe.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }
}
