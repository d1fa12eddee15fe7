package dev.orders.local.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.queue.MappingSettings;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.template.SamTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deployed settings obey P2/P6's rules (the local runtime reads the same values). */
class TemplateSettingsTest {

    private final SamTemplate template = SamTemplate.bundled();

    @ParameterizedTest
    @ValueSource(strings = {"PaymentEventsFunction", "NotificationsFunction"})
    void each_queue_hides_a_message_for_at_least_six_function_timeouts_plus_the_window_and_redrives_after_five(
            String function) {
        MappingSettings mapping = MappingSettings.from(template, function);
        QueueSettings queue = QueueSettings.from(template, mapping.queue());
        FunctionSettings settings = FunctionSettings.from(template, function);
        assertThat(queue.visibilityTimeout())
                .isGreaterThanOrEqualTo(settings.timeout().multipliedBy(6).plus(mapping.batchingWindow()));
        assertThat(queue.maxReceiveCount()).isEqualTo(5);
        assertThat(queue.deadLetterQueue()).isPresent();
        assertThat(mapping.reportBatchItemFailures()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NotificationsFunction"})
    void the_mail_senders_concurrency_is_capped_by_reserved_concurrency_and_the_mapping_stays_within_it(
            String function) {
        int reserved =
                FunctionSettings.from(template, function).reservedConcurrency().orElseThrow();
        assertThat(MappingSettings.from(template, function).maximumConcurrency())
                .hasValueSatisfying(m -> assertThat(m).isLessThanOrEqualTo(reserved));
    }
}
