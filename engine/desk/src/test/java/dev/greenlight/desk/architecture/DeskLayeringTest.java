package dev.greenlight.desk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The desk's packages:
 *
 * <pre>
 *   desk            the API: ReviewDesk and the values it takes and gives
 *   desk.internal   its workings (store, transitions, rebuild); used by desk.ReviewDesk only
 *   desk.spi        the storage contract, in terms of the API's values
 *   desk.accounts   accounts and the users file; needs nothing else of the desk
 * </pre>
 *
 * The API values and the facade share one package by design (the binding API names them together),
 * so {@code desk} and {@code desk.internal}/{@code desk.spi} refer to each other; what is checked is
 * that the internals stay internal, the SPI exposes no internal type, accounts stand alone, and
 * nothing reaches into the engine's internals.
 */
class DeskLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.greenlight.desk");
    }

    @Test
    void internals_areUsedOnlyByTheFacade() {
        noClasses().that().resideInAnyPackage("dev.greenlight.desk", "dev.greenlight.desk.spi", "dev.greenlight.desk.accounts")
                .and().doNotHaveSimpleName("ReviewDesk")
                .should().dependOnClassesThat().resideInAPackage("dev.greenlight.desk.internal")
                .check(classes);
    }

    @Test
    void accounts_needNothingElseOfTheDesk() {
        noClasses().that().resideInAPackage("dev.greenlight.desk.accounts")
                .should().dependOnClassesThat().resideInAnyPackage("dev.greenlight.desk", "dev.greenlight.desk.internal",
                        "dev.greenlight.desk.spi", "dev.greenlight.engine..", "dev.greenlight.audit..")
                .check(classes);
    }

    @Test
    void nothing_reachesIntoTheEnginesInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.greenlight.engine.internal").check(classes);
    }
}
