package dev.greenlight.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form layers, each using only those below it:
 *
 * <pre>
 *   engine           the facade and its parts; engine.internal: compiling and evaluating rules
 *   policytest       running policy cases through any decider
 *   ruleset          what compiling rules reports and reads: problems, table rows, the plugins' signal names
 *   host             plugins: loading, calling with deadlines, sinks
 *   audit            the hash-chained log
 *   json             the codec, and JSON Lines reading
 *   model, spi (greenlight-api)
 * </pre>
 *
 * A package cycle, an arrow the wrong way, or a class outside the engine that reaches into
 * {@code engine.internal} fails the build here, naming the classes.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.greenlight");
    }

    @Test
    void packages_haveNoCycles() {
        // every package its own slice: engine and engine.internal may not lean on each other either
        slices().matching("dev.greenlight.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packages_dependOnlyOnTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("dev.greenlight.model..", "dev.greenlight.spi..")
                .layer("json").definedBy("dev.greenlight.json..")
                .layer("audit").definedBy("dev.greenlight.audit..")
                .layer("host").definedBy("dev.greenlight.host..")
                .layer("ruleset").definedBy("dev.greenlight.ruleset..")
                .layer("policytest").definedBy("dev.greenlight.policytest..")
                .layer("engine").definedBy("dev.greenlight.engine..")
                .whereLayer("engine").mayNotBeAccessedByAnyLayer()
                .whereLayer("policytest").mayOnlyBeAccessedByLayers("engine")
                .whereLayer("ruleset").mayOnlyBeAccessedByLayers("policytest", "engine")
                .whereLayer("host").mayOnlyBeAccessedByLayers("ruleset", "engine")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("host", "engine")
                .whereLayer("json").mayOnlyBeAccessedByLayers("audit", "host", "policytest", "engine")
                .check(classes);
    }

    @Test
    void internals_areUsedOnlyByTheirOwnPackage() {
        noClasses().that().resideOutsideOfPackages("dev.greenlight.engine", "dev.greenlight.engine.internal")
                .should().dependOnClassesThat().resideInAPackage("dev.greenlight.engine.internal")
                .check(classes);
    }

    @Test
    void theApi_needsNothingOfTheEngine() {
        noClasses().that().resideInAnyPackage("dev.greenlight.model..", "dev.greenlight.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.greenlight.engine..", "dev.greenlight.host..",
                        "dev.greenlight.audit..", "dev.greenlight.json..", "org.kie..", "org.drools..")
                .check(classes);
    }
}
