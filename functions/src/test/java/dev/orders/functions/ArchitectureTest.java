package dev.orders.functions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.orders.functions.shared.Invocations;
import org.junit.jupiter.api.Test;

/**
 * The functions module's boundaries: it never knows the local runtime; only its aws package speaks to the AWS
 * SDK (the handlers and their rules run unchanged locally); settings are read in one place; every handler runs
 * its invocations through the one logging wrapper.
 */
class ArchitectureTest {

    private static final JavaClasses FUNCTIONS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.functions");

    @Test
    void the_rules_see_the_whole_module() {
        // about 60 classes today: a rule that imported nothing would pass whatever the code does
        assertThat(FUNCTIONS.size()).isGreaterThan(40);
        assertThat(FUNCTIONS.stream().filter(c -> c.getPackageName().endsWith(".aws")))
                .hasSizeGreaterThan(8);
        assertThat(handlers()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void functions_never_depend_on_the_local_runtime() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.local..")
                .because("the handlers run unchanged in AWS; the local runtime drives them, never the reverse")
                .check(FUNCTIONS);
    }

    @Test
    void only_the_aws_package_touches_the_aws_sdk() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orders.functions.aws..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .because("adapters hold SDK calls; handlers and their helpers work with ports")
                .check(FUNCTIONS);
    }

    @Test
    void settings_are_read_from_the_environment_in_one_place() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.orders.functions.aws.AwsEnvironment")
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .because("AwsWiring reads every setting through AwsEnvironment")
                .check(FUNCTIONS);
    }

    @Test
    void every_handler_runs_its_invocations_through_the_logging_wrapper() {
        classes()
                .that(implementRequestHandler())
                .should(callTheLoggingWrapper())
                .because("every log line must carry the request's context (function_request_id)")
                .check(FUNCTIONS);
    }

    private static java.util.List<JavaClass> handlers() {
        return FUNCTIONS.stream().filter(implementRequestHandler()).toList();
    }

    private static DescribedPredicate<JavaClass> implementRequestHandler() {
        return DescribedPredicate.describe(
                "implement RequestHandler", c -> c.isAssignableTo(RequestHandler.class) && !c.isInterface());
    }

    private static ArchCondition<JavaClass> callTheLoggingWrapper() {
        return new ArchCondition<>("call Invocations.logged in handleRequest") {
            @Override
            public void check(JavaClass handler, ConditionEvents events) {
                boolean calls = handler.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getOrigin().getName().equals("handleRequest")
                                && call.getTargetOwner().isEquivalentTo(Invocations.class)
                                && call.getName().equals("logged"));
                events.add(new SimpleConditionEvent(
                        handler,
                        calls,
                        handler.getName() + (calls ? " calls" : " does not call")
                                + " Invocations.logged from handleRequest"));
            }
        };
    }
}
