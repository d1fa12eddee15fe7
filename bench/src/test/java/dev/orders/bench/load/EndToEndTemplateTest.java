package dev.orders.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.template.HttpApi;
import dev.orders.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

class EndToEndTemplateTest {

    @Test
    void only_the_apis_throttling_is_raised_for_the_load() {
        SamTemplate deployed = SamTemplate.bundled();
        SamTemplate raised = EndToEndMain.unthrottled();

        assertThat(HttpApi.of(raised, "OrdersHttpApi").throttling())
                .isEqualTo(new HttpApi.Throttling(1_000_000d, 1_000_000));
        assertThat(HttpApi.of(deployed, "OrdersHttpApi").throttling())
                .isNotEqualTo(new HttpApi.Throttling(1_000_000d, 1_000_000));
        assertThat(raised.properties("OrderApiFunction")).isEqualTo(deployed.properties("OrderApiFunction"));
    }
}
