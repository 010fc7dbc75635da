package dev.hush.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hush.core.detect.Detector;
import dev.hush.core.detect.DotenvAnalyzer;
import dev.hush.core.migrate.MigrateCommand;
import dev.hush.core.migrate.RotateCommand;
import dev.hush.core.model.Finding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the pipeline's shape (docs/architecture.md): imports run one way, from the formats
 * up to the commands, and no two stages depend on each other.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hush.core");
    }

    @Test
    void formatsDependOnNothingElseInHush() {
        noClasses().that().resideInAPackage("dev.hush.core.format..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hush.core", "dev.hush.core.baseline..",
                        "dev.hush.core.config..", "dev.hush.core.detect..", "dev.hush.core.git..",
                        "dev.hush.core.history..", "dev.hush.core.migrate..", "dev.hush.core.model..",
                        "dev.hush.core.report..", "dev.hush.core.rules..", "dev.hush.core.scan..")
                .check(core);
    }

    @Test
    void detectionDependsOnlyOnFormatsRulesAndTheModel() {
        noClasses().that().resideInAPackage("dev.hush.core.detect..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hush.core", "dev.hush.core.baseline..",
                        "dev.hush.core.git..", "dev.hush.core.history..", "dev.hush.core.migrate..",
                        "dev.hush.core.report..", "dev.hush.core.scan..")
                .check(core);
    }

    @Test
    void migrationUsesDetectionOnlyThroughTheJudgementsItMustShareWithTheScan() {
        // The planner moves exactly what the scan reports: it asks the same "is this a literal
        // secret?" of dotenv values, and nothing else of the analyzers.
        noClasses().that().resideInAPackage("dev.hush.core.migrate..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.hush.core.detect..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(Detector.class,
                                DotenvAnalyzer.class, DotenvAnalyzer.Literal.class))))
                .check(core);
    }

    @Test
    void planningAndEditingNeverReachTheTransaction() {
        // A plan is made without writing anything: only the commands hand it to apply/.
        noClasses().that().resideInAnyPackage("dev.hush.core.migrate.plan..", "dev.hush.core.migrate.edit..")
                .should().dependOnClassesThat().resideInAPackage("dev.hush.core.migrate.apply..")
                .check(core);
    }

    @Test
    void theTransactionAppliesAnyPlanWithoutKnowingHowItWasMade() {
        noClasses().that().resideInAPackage("dev.hush.core.migrate.apply..")
                .should().dependOnClassesThat().resideInAPackage("dev.hush.core.migrate.plan..")
                .check(core);
    }

    @Test
    void editingKnowsNeitherThePlanningNorTheFindings() {
        noClasses().that().resideInAPackage("dev.hush.core.migrate.edit..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("dev.hush.core.migrate.plan..",
                        "dev.hush.core.detect..", "dev.hush.core.scan..", "dev.hush.core.rules..")
                        .or(JavaClass.Predicates.belongToAnyOf(Finding.class)))
                .check(core);
    }

    @Test
    void theStagesOfAMigrationUseItsApiPackageForValuesOnlyNeverForTheCommands() {
        // migrate/ is the API (commands, plan, results) and plan/, edit/, apply/ build and write its
        // values; the commands alone call down, so the two directions never make a loop of calls.
        noClasses().that().resideInAnyPackage("dev.hush.core.migrate.plan..", "dev.hush.core.migrate.edit..",
                        "dev.hush.core.migrate.apply..")
                .should().dependOnClassesThat().belongToAnyOf(MigrateCommand.class, RotateCommand.class)
                .check(core);
    }

    @Test
    void theStagesOfAMigrationHaveNoCycles() {
        slices().matching("dev.hush.core.migrate.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void noStageDependsOnTheFrontDoor() {
        noClasses().that().resideOutsideOfPackage("dev.hush.core")
                .should().dependOnClassesThat().belongToAnyOf(Hush.class)
                .check(core);
    }

    @Test
    void stagesHaveNoCycles() {
        slices().matching("dev.hush.core.(*)..").should().beFreeOfCycles().check(core);
    }
}
