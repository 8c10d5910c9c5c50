package dev.troupe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.troupe.Actor;
import dev.troupe.Troupe;
import org.junit.jupiter.api.Test;

/**
 * The import rules of troupe-core: its packages form no cycle, and the runtime is reached only through
 * the host interface. {@code dev.troupe} itself, the API, is not a slice: it is what every package
 * implements or uses, and {@code Troupe} starts the runtime.
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
     * {@code Troupe} starts the runtime. {@code Actor} still reaches its turn and lets the runtime call
     * its protected hooks through {@code Turn} and {@code ActorHooks}: the one class cycle left between
     * the API and the runtime (see docs/architecture.md, seam 3).
     */
    @Test
    void onlyTheEntryPoint_andTheActorBaseClass_reachIntoTheRuntime() {
        noClasses().that().resideOutsideOfPackage("dev.troupe.runtime..")
                .and().doNotBelongToAnyOf(Troupe.class, Actor.class)
                .should().dependOnClassesThat().resideInAPackage("dev.troupe.runtime..")
                .check(CORE);
    }
}
