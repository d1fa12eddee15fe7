package dev.orders.bench.load;

import dev.orders.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EndToEndTemplateTest {

    @Test
    void only_the_apis_throttling_is_raised_for_the_load() {
        SamTemplate deployed = SamTemplate.bundled();
        SamTemplate raised = EndToEndMain.unthrottled();

        Map<String, Object> routes = SamTemplate.mapOf(raised.properties("OrdersHttpApi").get("DefaultRouteSettings"));
        assertThat(raised.number(routes, "ThrottlingRateLimit")).contains(1_000_000d);
        assertThat(raised.integer(routes, "ThrottlingBurstLimit")).contains(1_000_000);
        assertThat(raised.properties("OrderApiFunction")).isEqualTo(deployed.properties("OrderApiFunction"));
    }
}
