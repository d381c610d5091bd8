package dev.greenlight.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules above the engine keep to its public surface, and the embeddable server stays free of
 * the command line: checked on the classes of the CLI, the server and the test kit together (the
 * engine's own packages are checked by its {@code LayeringTest}).
 */
class ModuleBoundariesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.greenlight.cli", "dev.greenlight.server", "dev.greenlight.testkit", "dev.greenlight.ship");
    }

    @Test
    void theImport_seesEveryModule() {
        // the rules below would pass on nothing if a module's classes were not found
        org.assertj.core.api.Assertions.assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("cli", "server", "testkit", "ship");
    }

    @Test
    void theShippers_arePlainLibraries_apartFromEachOther() {
        noClasses().that().resideInAPackage("dev.greenlight.ship..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "ch.qos.logback..", "dev.greenlight.cli..",
                        "dev.greenlight.server..", "dev.greenlight.engine..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.greenlight.ship.postgres..")
                .should().dependOnClassesThat().resideInAPackage("dev.greenlight.ship.kafka..").check(classes);
        noClasses().that().resideInAPackage("dev.greenlight.ship.kafka..")
                .should().dependOnClassesThat().resideInAPackage("dev.greenlight.ship.postgres..").check(classes);
    }

    @Test
    void nothingAboveTheEngine_reachesIntoItsInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.greenlight.engine.internal..")
                .check(classes);
    }

    @Test
    void theServer_needsNeitherPicocliNorLogback() {
        noClasses().that().resideInAPackage("dev.greenlight.server..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "ch.qos.logback..", "dev.greenlight.cli..")
                .check(classes);
    }

    @Test
    void theTestKit_andTheServer_doNotDependOnTheCommandLine() {
        noClasses().that().resideInAnyPackage("dev.greenlight.testkit..", "dev.greenlight.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.greenlight.cli..")
                .check(classes);
    }
}
