package dev.orders.local.template;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.aws.OrdersTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the template and the code must agree on, so that a deployment runs the code that was tested. */
class DeployedTemplateTest {

    /** Handlers whose classes later issues deliver; remove each name when its class lands. */
    private final SamTemplate template = SamTemplate.read(Repository.template());

    @Test
    void the_orders_table_has_the_key_ttl_and_stream_the_adapter_uses() {
        Map<String, Object> table = template.properties("OrdersTable");

        assertThat(listOf(table.get("KeySchema")))
                .containsExactly(Map.of("AttributeName", OrdersTable.PARTITION_KEY, "KeyType", "HASH"));
        assertThat(listOf(table.get("AttributeDefinitions")))
                .containsExactly(Map.of("AttributeName", OrdersTable.PARTITION_KEY, "AttributeType", "S"));
        assertThat(mapOf(table.get("TimeToLiveSpecification")))
                .containsEntry("AttributeName", OrdersTable.TTL_ATTRIBUTE)
                .containsEntry("Enabled", true);
        assertThat(mapOf(table.get("StreamSpecification")))
                .containsEntry("StreamViewType", OrdersTable.STREAM_VIEW.toString());
        assertThat(mapOf(table.get("PointInTimeRecoverySpecification")))
                .containsEntry("PointInTimeRecoveryEnabled", true);
    }

    @Test
    void the_outbox_filter_selects_the_items_the_adapter_writes_as_outbox() {
        Map<String, Object> stream =
                mapOf(mapOf(mapOf(template.properties("OutboxPublisherFunction").get("Events"))
                                .get("OrdersTableStream"))
                        .get("Properties"));
        String pattern = String.valueOf(
                mapOf(listOf(mapOf(stream.get("FilterCriteria")).get("Filters")).getFirst())
                        .get("Pattern"));

        assertThat(pattern)
                .contains("\"" + OrdersTable.KIND + "\": {\"S\": [\"" + OrdersTable.KIND_OUTBOX + "\"]}")
                .contains("\"eventName\": [\"INSERT\"]");
    }

    @Test
    void every_handler_in_the_template_is_a_class_of_the_artifact() {
        List<String> missing = template.resources().keySet().stream()
                .filter(id -> template.type(id).equals("AWS::Serverless::Function"))
                .map(id ->
                        String.valueOf(template.properties(id).get("Handler")).split("::")[0])
                .filter(handler -> !loads(handler))
                .toList();

        assertThat(missing).as("handlers that name no class").isEmpty();
    }

    @Test
    void functions_are_built_from_the_shaded_artifact_with_snapstart_and_the_live_alias() {
        Map<String, Object> globals =
                mapOf(mapOf(template.tree().get("Globals")).get("Function"));

        assertThat(globals)
                .containsEntry("CodeUri", "../functions/target/orders-functions.jar")
                .containsEntry("AutoPublishAlias", "live")
                .containsEntry("Runtime", "java21");
        assertThat(mapOf(globals.get("SnapStart"))).containsEntry("ApplyOn", "PublishedVersions");
    }

    private static boolean loads(String className) {
        try {
            Class.forName(className, false, DeployedTemplateTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
