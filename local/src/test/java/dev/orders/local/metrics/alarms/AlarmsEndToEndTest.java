package dev.orders.local.metrics.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.local.LocalPlatform;
import dev.orders.local.lambda.LambdaObserver;
import dev.orders.local.metrics.Observability;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template alarm on the running platform at a time scale of 60 (a scaled minute per real second): failing
 * invocations of OrderApi put OrderApiErrorsAlarm in ALARM within its one evaluation period and mail the alarm
 * topic's subscriber; successful ones bring it back to OK; the states and history survive a restart.
 */
class AlarmsEndToEndTest {

    /** One invocation of OrderApiFunction through its live alias, as the local Lambda reports it to the metrics. */
    static LambdaObserver.Report orderApi(boolean error, Duration duration) {
        return new LambdaObserver.Report(
                "OrderApiFunction", "OrderApiFunction:live", "1", true, error, duration, false, false, false);
    }

    @TempDir
    Path data;

    static LocalPlatform open(Path data) throws Exception {
        return LocalPlatform.open(
                        data,
                        Faults.none(),
                        SamTemplate.bundled(),
                        new Observability.Settings(60, Map.of("AlarmEmail", "ops@example.com")))
                .start(0);
    }

    @Test
    void errors_alarm_then_recover_and_the_state_survives_a_restart() throws Exception {
        try (LocalPlatform platform = open(data)) {
            Alarms alarms = platform.observability().alarms();
            // no data treated as not breaching: OK at the first evaluation (from INSUFFICIENT_DATA: the history below)
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> alarms.status("OrderApiErrorsAlarm").state() == AlarmState.OK);
            // three errors (a minute boundary may split them: the datapoint holds 1 to 3)
            for (int i = 0; i < 3; i++) {
                platform.observability().lambda().completed(orderApi(true, Duration.ofMillis(12)));
            }
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> alarms.status("OrderApiErrorsAlarm").state() == AlarmState.ALARM);
            assertThat(alarms.status("OrderApiErrorsAlarm").reason())
                    .matches(
                            "Threshold Crossed: 1 datapoint \\[[123]\\.0 \\(\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:00\\)] was greater than or equal to the threshold \\(1\\.0\\)\\.");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> mails(data, "ALARM").size() == 1);
            assertThat(Files.readString(mails(data, "ALARM").getFirst()))
                    .contains(
                            "- State Change:               OK -> ALARM",
                            "- MetricName:                          Errors",
                            "[FunctionName = OrderApiFunction][Resource = OrderApiFunction:live]");

            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        platform.observability().lambda().completed(orderApi(false, Duration.ofMillis(12)));
                        return alarms.status("OrderApiErrorsAlarm").state() == AlarmState.OK;
                    });
            assertThat(alarms.status("OrderApiErrorsAlarm").reason())
                    .contains("was not greater than or equal to the threshold (1.0)");
        }
        try (LocalPlatform again = open(data)) {
            Alarms alarms = again.observability().alarms();
            assertThat(alarms.status("OrderApiErrorsAlarm").state()).isEqualTo(AlarmState.OK);
            List<AlarmHistoryItem> history = alarms.history(
                    Optional.of("OrderApiErrorsAlarm"),
                    Optional.of("StateUpdate"),
                    Instant.EPOCH,
                    Instant.parse("9999-01-01T00:00:00Z"),
                    true,
                    0,
                    10);
            assertThat(history)
                    .extracting(AlarmHistoryItem::summary)
                    .containsExactly(
                            "Alarm updated from INSUFFICIENT_DATA to OK",
                            "Alarm updated from OK to ALARM",
                            "Alarm updated from ALARM to OK");
        }
    }

    @Test
    void a_p95_duration_alarm_needs_two_of_three_slow_minutes() throws Exception {
        try (LocalPlatform platform = open(data)) {
            Alarms alarms = platform.observability().alarms();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        // 19 fast and 1 slow invocation per batch: p95 is the fast one, so the alarm stays OK...
                        for (int i = 0; i < 19; i++) {
                            platform.observability().lambda().completed(orderApi(false, Duration.ofMillis(20)));
                        }
                        platform.observability().lambda().completed(orderApi(false, Duration.ofMillis(3000)));
                        return alarms.status("OrderApiP95DurationAlarm").state() == AlarmState.OK;
                    });
            // ...until the store slows down and every invocation takes 1.5 s.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        platform.observability().lambda().completed(orderApi(false, Duration.ofMillis(1500)));
                        return alarms.status("OrderApiP95DurationAlarm").state() == AlarmState.ALARM;
                    });
            assertThat(alarms.status("OrderApiP95DurationAlarm").reason())
                    .matches("Threshold Crossed: [23] out of the last 3 datapoints \\[1500\\.0 .*")
                    .endsWith("(minimum 2 datapoints for OK -> ALARM transition).");
        }
    }

    static List<Path> mails(Path data, String state) throws Exception {
        Path mailbox = data.resolve("mailbox");
        if (!Files.isDirectory(mailbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(mailbox)) {
            return files.filter(p -> p.getFileName().toString().startsWith("alarm.OrderApiErrorsAlarm.")
                            && p.toString().contains("." + state + "."))
                    .toList();
        }
    }
}
