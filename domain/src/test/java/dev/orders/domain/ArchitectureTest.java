package dev.orders.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The domain is plain Java: no AWS, no framework, no I/O. */
class ArchitectureTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.domain");

    @Test
    void the_domain_depends_only_on_itself_and_the_core_jdk() {
        ArchRule rule = classes()
                .that()
                .resideInAPackage("dev.orders.domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.domain..",
                        "java.lang..",
                        "java.util..",
                        "java.time..",
                        "java.math..",
                        "java.security..",
                        "java.nio.charset..")
                .because("business rules must not know about AWS, frameworks or I/O");
        rule.check(DOMAIN);
    }

    @Test
    void the_rule_sees_the_domain() {
        // about 80 classes (records and their nested results included): a rule that imported nothing would pass
        org.assertj.core.api.Assertions.assertThat(DOMAIN.size()).isGreaterThan(50);
        org.assertj.core.api.Assertions.assertThat(
                        DOMAIN.getPackage("dev.orders.domain.advancing").getClasses())
                .isNotEmpty();
    }
}
