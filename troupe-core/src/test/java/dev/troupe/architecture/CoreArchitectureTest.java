package dev.troupe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The import rules of troupe-core: the runtime is in no cycle and is reached only through the host
 * interface, and the packages below the API form no cycle. {@code dev.troupe} itself is not a slice:
 * its vocabulary (keys, callers, options, errors) is what its SPI packages ({@code definition},
 * {@code host}, {@code store}) speak, while its entry points use them, one API over four packages
 * (decision 0011).
 */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.troupe");

    @Test
    void thePackagesBelowTheApi_formNoCycle() {
        slices().matching("dev.troupe.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theHostInterface_andTheJson_dependOnNoInternalPackage() {
        noClasses().that().resideInAnyPackage("dev.troupe.host..", "dev.troupe.json..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.troupe.runtime..", "dev.troupe.schema..")
                .check(CORE);
    }

    /**
     * Nothing in core outside the runtime depends on it, so the runtime is in no package cycle:
     * {@code Troupe} starts it through {@link dev.troupe.host.HostProvider} (a service) and a Java
     * actor reaches its turn through the {@link dev.troupe.definition.ActorContext} its behaviour is
     * handed (decision 0011).
     */
    @Test
    void nothingOutsideTheRuntime_dependsOnIt() {
        noClasses().that().resideOutsideOfPackage("dev.troupe.runtime..")
                .should().dependOnClassesThat().resideInAPackage("dev.troupe.runtime..")
                .check(CORE);
    }
}
