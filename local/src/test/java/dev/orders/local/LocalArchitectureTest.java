package dev.orders.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The local runtime's boundaries. Each rule names what it protects; each test also checks that the classes it
 * judged are there in plausible numbers, so a rule cannot pass on an empty import.
 */
class LocalArchitectureTest {

    private static final JavaClasses LOCAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.local");

    private static long count(String packagePattern) {
        return LOCAL.stream()
                .filter(c -> c.getPackageName()
                        .matches(packagePattern.replace(".", "\\.").replace("\\.\\.", "(\\..*)?")))
                .count();
    }

    @Test
    void the_import_sees_the_local_runtime() {
        assertThat(LOCAL.size()).isGreaterThan(100);
        assertThat(LOCAL.contain("dev.orders.local.LocalPlatform")).isTrue();
    }

    @Test
    void the_local_runtime_never_uses_the_aws_adapters_of_the_functions() {
        assertThat(count("dev.orders.local..")).isGreaterThan(100);
        noClasses()
                .that()
                .resideInAPackage("dev.orders.local..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.functions.aws..")
                .because("locally every port is a local stand-in, built in paths/; the AWS adapters are for AWS")
                .check(LOCAL);
    }

    @Test
    void views_read_the_emulators_records_and_never_storage() {
        assertThat(count("dev.orders.local.views")).isGreaterThanOrEqualTo(8);
        noClasses()
                .that()
                .resideInAPackage("dev.orders.local.views..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.orders.local.store.Database")
                .because("a view shows what an emulator returns; SQL belongs to the emulator's store")
                .check(LOCAL);
    }

    @Test
    void a_class_that_runs_sql_builds_no_json_trees() {
        long sqlClasses = LOCAL.stream()
                .filter(c -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("java.sql")))
                .count();
        assertThat(sqlClasses).isGreaterThanOrEqualTo(8);
        noClasses()
                .that(dependOnJavaSql())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson.databind.node..")
                .because("storage and the /_local JSON are different jobs: stores return records, views build JSON")
                .check(LOCAL);
    }

    @Test
    void the_endpoint_and_the_router_run_no_sql() {
        assertThat(count("dev.orders.local.gateway") + count("dev.orders.local.aws"))
                .isGreaterThanOrEqualTo(12);
        noClasses()
                .that()
                .resideInAnyPackage("dev.orders.local.gateway..", "dev.orders.local.aws..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "dev.orders.local.store..")
                .check(LOCAL);
    }

    @Test
    void the_aws_router_knows_no_service_so_a_service_is_one_package_and_one_registration() {
        assertThat(count("dev.orders.local.aws")).isGreaterThanOrEqualTo(6);
        noClasses()
                .that()
                .resideInAPackage("dev.orders.local.aws..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are local classes outside the router",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.orders.local.")
                                && !c.getPackageName().startsWith("dev.orders.local.aws")))
                .check(LOCAL);
    }

    @Test
    void handlers_are_built_only_in_the_paths() {
        assertThat(count("dev.orders.local.paths")).isGreaterThanOrEqualTo(6);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orders.local.paths..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are Lambda handlers of the functions module",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.orders.functions.")
                                && c.getSimpleName().endsWith("Handler")))
                .because("which handler class runs, with which ports, is decided in one place per path")
                .check(LOCAL);
    }

    @Test
    void emulators_know_nothing_of_the_endpoint_the_views_the_paths_or_the_command_line() {
        assertThat(count("dev.orders.local.(queue|stream|bus|store|lambda|asyncinvoke|mail|auth|template)"))
                .isGreaterThan(40);
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.orders.local.queue..",
                        "dev.orders.local.stream..",
                        "dev.orders.local.bus..",
                        "dev.orders.local.store..",
                        "dev.orders.local.lambda..",
                        "dev.orders.local.asyncinvoke..",
                        "dev.orders.local.mail..",
                        "dev.orders.local.auth..",
                        "dev.orders.local.template..",
                        "dev.orders.local.objects..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.local.gateway..",
                        "dev.orders.local.views..",
                        "dev.orders.local.paths..",
                        "dev.orders.local.cli..")
                .check(LOCAL);
    }

    @Test
    void the_command_line_is_the_outermost_layer() {
        assertThat(count("dev.orders.local.cli")).isGreaterThanOrEqualTo(8);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orders.local.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.local.cli..")
                .check(LOCAL);
    }

    @Test
    void the_local_packages_have_no_cycles() {
        assertThat(LOCAL.stream().map(JavaClass::getPackageName).distinct().count())
                .isGreaterThanOrEqualTo(14);
        slices().matching("dev.orders.local.(*)..").should().beFreeOfCycles().check(LOCAL);
    }

    private static DescribedPredicate<JavaClass> dependOnJavaSql() {
        return DescribedPredicate.describe(
                "run SQL (depend on java.sql)",
                (JavaClass c) -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("java.sql")));
    }
}
