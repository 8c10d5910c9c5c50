package dev.troupe.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The import rules every module outside troupe-core keeps (checked with ArchUnit by a test in each):
 * it reaches the runtime only through the host interface ({@code dev.troupe.host}) and the public API,
 * never {@code dev.troupe.runtime}, and its own packages form no cycle.
 */
public final class ImportRules {
    private ImportRules() {
    }

    /** Checks both rules on the main classes of {@code rootPackage} (tests excluded). */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.troupe.runtime..")
                .because("modules outside troupe-core use the host interface, not the runtime")
                .check(classes);
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
