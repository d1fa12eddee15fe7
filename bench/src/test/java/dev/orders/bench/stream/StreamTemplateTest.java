package dev.orders.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.template.SamTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamTemplateTest {

    @Test
    void the_stream_figure_runs_the_deployed_template_with_ten_shards_and_no_batching_window() {
        SamTemplate template = StreamMain.template();

        assertThat(template.integer(template.properties("FulfillmentStream"), "ShardCount"))
                .contains(10);
        Map<String, Object> events = SamTemplate.mapOf(
                template.properties("FulfillmentEventsFunction").get("Events"));
        Map<String, Object> mapping = SamTemplate.mapOf(
                SamTemplate.mapOf(events.get("FulfillmentStream")).get("Properties"));
        assertThat(mapping)
                .containsEntry("MaximumBatchingWindowInSeconds", 0)
                .containsEntry("BatchSize", 100)
                .containsEntry("BisectBatchOnFunctionError", true);
    }
}
