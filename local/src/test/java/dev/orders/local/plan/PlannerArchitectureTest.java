package dev.orders.local.plan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The planner is a pure function of the template and the inputs: the drill calls it beside a running platform and
 * compares, so it must read nothing else (no files, network, clock or database) and know no part of the runtime.
 */
class PlannerArchitectureTest {

    private static final JavaClasses PLANNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.local.plan");

    @Test
    void the_planner_reads_no_file_network_clock_or_database() {
        assertThat(PLANNER.size()).isGreaterThanOrEqualTo(10);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.sql..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.Clock")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .because("a plan is a function of the template and the inputs alone")
                .check(PLANNER);
    }

    @Test
    void the_planner_knows_the_templates_settings_and_no_part_of_the_runtime() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.local.gateway..",
                        "dev.orders.local.views..",
                        "dev.orders.local.paths..",
                        "dev.orders.local.cli..",
                        "dev.orders.local.store..",
                        "dev.orders.local.bus..",
                        "dev.orders.local.metrics..",
                        "dev.orders.local.aws..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.orders.local.LocalPlatform")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Handler")
                .check(PLANNER);
    }
}
