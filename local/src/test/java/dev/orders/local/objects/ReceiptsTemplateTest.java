package dev.orders.local.objects;

import static dev.orders.local.template.SamTemplate.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.paths.ReceiptsPath;
import dev.orders.local.template.SamTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template's receipts settings hold together, and the local runtime reads its S3 event as SAM declares it. */
class ReceiptsTemplateTest {

    private final SamTemplate template = SamTemplate.bundled();
    private final Map<String, Object> function = template.properties(ReceiptsPath.FUNCTION);

    @Test
    void the_function_is_told_its_ephemeral_storage_and_stays_within_what_snapstart_allows() {
        int size = template.integer(mapOf(function.get("EphemeralStorage")), "Size")
                .orElseThrow();
        Object told = mapOf(mapOf(function.get("Environment")).get("Variables")).get("EPHEMERAL_STORAGE_MB");

        assertThat(told).hasToString(String.valueOf(size));
        assertThat(mapOf(function.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
        assertThat(size)
                .as("Lambda refuses SnapStart above 512 MB of ephemeral storage")
                .isLessThanOrEqualTo(512);
    }

    @Test
    void failed_notifications_are_retried_twice_and_then_recorded_in_an_alarmed_queue() {
        Map<String, Object> config = mapOf(function.get("EventInvokeConfig"));
        Map<String, Object> onFailure =
                mapOf(mapOf(config.get("DestinationConfig")).get("OnFailure"));

        assertThat(config.get("MaximumRetryAttempts")).isEqualTo(2);
        assertThat(onFailure.get("Type")).isEqualTo("SQS");
        String queue = SamTemplate.referencedId(onFailure.get("Destination")).orElseThrow();
        assertThat(template.type(queue)).isEqualTo("AWS::SQS::Queue");
        assertThat(template.resources().values())
                .anySatisfy(resource -> assertThat(resource.toString())
                        .contains("AWS::CloudWatch::Alarm")
                        .contains(queue));
    }

    @Test
    void the_s3_event_is_every_object_created_under_receipts_and_nothing_else() {
        BucketNotification notification = BucketNotification.fromTemplate(template).stream()
                .filter(n -> n.function().equals(ReceiptsPath.FUNCTION))
                .findFirst()
                .orElseThrow();

        assertThat(notification.bucketLogicalId()).isEqualTo(ReceiptsPath.BUCKET);
        assertThat(notification.qualifier()).isEqualTo("live");
        assertThat(notification.matches("ObjectCreated:Post", "receipts/o/r")).isTrue();
        assertThat(notification.matches("ObjectCreated:Put", "receipts/o/r")).isTrue();
        assertThat(notification.matches("ObjectCreated:Copy", "receipts/o/r")).isTrue();
        assertThat(notification.matches("ObjectCreated:Post", "thumbnails/o/r.jpg"))
                .isFalse();
        assertThat(notification.matches("ObjectCreated:Copy", "quarantine/receipts/o/r"))
                .isFalse();
        assertThat(notification.matches("ObjectRemoved:Delete", "receipts/o/r")).isFalse();
    }
}
