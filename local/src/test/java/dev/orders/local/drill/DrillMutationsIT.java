package dev.orders.local.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.mail.MailboxFolder;
import dev.orders.local.template.Repository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill catches what it is there to catch (issue 15's mutations): each test breaks one property of the system
 * under test, in a test build only, runs one scenario in its short configuration on the drill's own platform, and
 * holds the verdict to what the mutation must produce. The unmutated runs are {@code DrillCommandTest}'s. Three own
 * platforms and three short scenarios take about three minutes: tagged {@code drill}, run by {@code -Pemulators} (as
 * {@code ./orders test} does), not by a plain {@code ./mvnw verify}. An IT, so failsafe runs it in a JVM of its own:
 * run in the same JVM before {@code DrillCommandTest}, that test's timing checks failed twice in three runs on a
 * loaded machine (a recovery, a healthy deployment stopped), and never in three runs without it (alone, or before it).
 */
@Tag("drill")
class DrillMutationsIT {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();

    private Drill drill(Drill.Scenario scenario, Optional<Path> template) {
        return new Drill(
                new Drill.Settings(
                        List.of(scenario),
                        work.resolve("report"),
                        2,
                        false,
                        60,
                        50,
                        5,
                        Duration.ofMillis(1000),
                        template),
                new PrintWriter(out, true));
    }

    private JsonNode scenario() throws IOException {
        return Json.internal()
                .readTree(work.resolve("report/report.json").toFile())
                .path("scenarios")
                .get(0);
    }

    private static JsonNode check(JsonNode scenario, String name) {
        for (JsonNode check : scenario.path("checks")) {
            if (check.path("check").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check '" + name + "' in " + scenario.path("checks"));
    }

    @Test
    void with_idempotency_switched_off_duplicates_fails_with_more_than_one_effect_per_event() throws IOException {
        AtomicReference<ForgetfulPorts> mutation = new AtomicReference<>();
        boolean passed = drill(Drill.Scenario.DUPLICATES, Optional.empty()).runOwn((platform, data) -> {
            ForgetfulPorts forgetful =
                    new ForgetfulPorts(platform.faults(), platform.store(), new MailboxFolder(data.resolve("mailbox")));
            mutation.set(forgetful);
            platform.lambda().intercept(forgetful);
        });

        assertThat(passed).as(out.toString()).isFalse();
        assertThat(mutation.get().forgotten()).as("the mutation acted").isPositive();
        JsonNode duplicates = scenario();
        assertThat(duplicates.path("verdict").asText()).as(out.toString()).isEqualTo("FAIL");
        JsonNode figures = duplicates.path("figures");
        assertThat(figures.at("/apiReplay/orderAcceptedEvents").asLong())
                .as("3 sends of one request, each applied")
                .isEqualTo(3);
        assertThat(figures.at("/apiReplay/statuses").toString()).isEqualTo("[202,202,202]");
        assertThat(figures.at("/apiClientRetry/orderAcceptedEvents").asLong())
                .as("the platform's retry of one request, applied twice")
                .isEqualTo(2);
        assertThat(figures.at("/busRedelivery/orderPaidMails").asLong())
                .as("one OrderPaid delivered twice, mailed twice")
                .isEqualTo(2);
        assertThat(check(duplicates, "API replay: OrderAccepted events")
                        .path("pass")
                        .asBoolean())
                .isFalse();
        assertThat(check(duplicates, "bus redelivery: OrderPaid mails")
                        .path("pass")
                        .asBoolean())
                .isFalse();
        assertThat(figures.at("/webhookResend/orderPaidEvents").asLong())
                .as(
                        "a resent payment still moves the order once: PAID cannot be paid again (the state machine's guard)")
                .isEqualTo(1);
        assertThat(Files.readString(work.resolve("report/report.md")))
                .contains("## duplicates: FAIL")
                .contains("| API replay: OrderAccepted events | 1 | 3 | **FAIL** |");
    }

    @Test
    void without_order_apis_reservation_slow_dependency_throttles_where_the_planner_now_predicts() throws IOException {
        Path template =
                mutatedTemplate("OrderApiFunction", Pattern.compile("(?m)^ +ReservedConcurrentExecutions: \\d+\\n"));

        boolean passed =
                drill(Drill.Scenario.SLOW_DEPENDENCY, Optional.of(template)).runOwn();

        assertThat(passed).as(out.toString()).isTrue();
        JsonNode slow = scenario().path("figures");
        assertThat(slow.at("/plan/limit/name").asText()).isEqualTo("unreserved pool");
        assertThat(slow.at("/plan/limit/value").asDouble())
                .as("the account of 50 less NotificationsFunction's reservation (2, scaled to 1)")
                .isEqualTo(49);
        double expected = slow.at("/plan/slow/expectedConcurrency").asDouble();
        assertThat(expected)
                .as("5 orders/s × (baseline + 2 store calls × 1 s): past the old reservation of 5, inside the pool")
                .isGreaterThanOrEqualTo(10.0)
                .isLessThan(49.0);
        assertThat(slow.at("/plan/slow/answered500PerSecond").asDouble()).isZero();
        JsonNode api = slow.at("/throttling/slow/OrderApiFunction");
        assertThat(api.path("predicted").asBoolean()).isFalse();
        assertThat(api.path("observed").asBoolean()).isFalse();
        assertThat(slow.at("/observed/peakConcurrentExecutionsSlow").asDouble())
                .as("OrderApi ran past where the reservation stopped it")
                .isGreaterThan(5)
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(Math.max(2, expected * 0.25)));
        assertThat(slow.at("/observed/throttlesSlow").asDouble()).isZero();
        assertThat(slow.at("/phases/slow/statuses/500").isMissingNode()).isTrue();
        assertThat(Files.readString(work.resolve("report/report.md")))
                .contains("| slowed: where Lambda throttles (by function) | nowhere | nowhere | pass |")
                .contains("| slow | OrderApiFunction | 49 (unreserved pool) |");
    }

    @Test
    void without_the_deployment_alarms_bad_canary_reports_no_rollback_and_fails() throws IOException {
        Path template = mutatedTemplate("OrderApiFunction", Pattern.compile("(?m)^ {8}Alarms:\\n(?: {10}- .*\\n)+"));

        boolean passed = drill(Drill.Scenario.BAD_CANARY, Optional.of(template)).runOwn();

        assertThat(passed).as(out.toString()).isFalse();
        JsonNode canary = scenario();
        assertThat(canary.path("verdict").asText()).isEqualTo("FAIL");
        JsonNode figures = canary.path("figures");
        assertThat(figures.path("watchedAlarms"))
                .as("the template's deployment watches no alarm")
                .isEmpty();
        assertThat(figures.path("rolledBack").asBoolean()).isFalse();
        assertThat(figures.path("liveAfter").asText())
                .as("live ended at the version failing every write")
                .isEqualTo(figures.path("newVersion").asText())
                .isNotEqualTo(figures.path("liveBefore").asText());
        JsonNode writes = check(canary, "a version failing POST /orders only");
        assertThat(writes.path("pass").asBoolean()).isFalse();
        assertThat(writes.path("measured").asText())
                .startsWith("no rollback happened: Succeeded")
                .endsWith("(the new one)");
        assertThat(check(canary, "after the rollback").path("pass").asBoolean())
                .as("every write fails once the bad version is live")
                .isFalse();
        assertThat(check(canary, "a version failing every call").path("pass").asBoolean())
                .as("the PreTraffic hook still stops a version failing every call")
                .isTrue();
        assertThat(Files.readString(work.resolve("report/report.md"))).contains("no rollback happened");
    }

    /** The repository's template with {@code remove} taken out of one resource's block (exactly once). */
    private Path mutatedTemplate(String resource, Pattern remove) throws IOException {
        String text = Files.readString(Repository.template());
        Matcher start = Pattern.compile("(?m)^  " + resource + ":\\n").matcher(text);
        assertThat(start.find()).as(resource + " in the template").isTrue();
        Matcher next = Pattern.compile("(?m)^  [A-Za-z0-9]+:\\n").matcher(text);
        int end = next.find(start.end()) ? next.start() : text.length();
        String block = text.substring(start.start(), end);
        Matcher found = remove.matcher(block);
        assertThat(found.find()).as(remove + " in " + resource).isTrue();
        String mutated = text.substring(0, start.start()) + found.replaceFirst("") + text.substring(end);
        Path file = work.resolve("template.yaml");
        Files.writeString(file, mutated);
        return file;
    }
}
