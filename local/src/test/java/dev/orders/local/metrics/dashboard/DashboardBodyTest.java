package dev.orders.local.metrics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricDataQueries;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template's dashboard body, read as CloudWatch reads it. */
class DashboardBodyTest {

    @Test
    void the_templates_widgets_with_their_layout_and_series() {
        List<DashboardBody.Widget> widgets = DashboardBody.load(new LocalNames(SamTemplate.bundled(), Map.of()));
        assertThat(widgets).hasSize(9);
        DashboardBody.Widget api = widgets.getFirst();
        assertThat(api.title()).isEqualTo("API requests and errors");
        assertThat(List.of(api.x(), api.y(), api.width(), api.height())).containsExactly(0, 0, 12, 6);
        assertThat(api.queries())
                .extracting(q -> q.metricStat().orElseThrow().metric().name())
                .containsExactly("Count", "4xx", "5xx");
        assertThat(api.queries().getFirst().metricStat().orElseThrow().metric().dimensions())
                .isEqualTo(Dimensions.of("ApiId", "OrdersHttpApi", "Stage", "live"));
        DashboardBody.Widget errors = widgets.get(2);
        assertThat(errors.queries()).extracting(q -> q.label().orElseThrow()).startsWith("OrderApi", "PaymentWebhook");
        assertThat(widgets.get(4)
                        .queries()
                        .getFirst()
                        .metricStat()
                        .orElseThrow()
                        .statistic()
                        .name())
                .isEqualTo("p95");
    }

    @Test
    void dots_repeat_the_row_above_and_expression_rows_become_expressions() {
        List<DashboardBody.Widget> widgets = DashboardBody.parse("""
                {"widgets":[{"type":"metric","x":0,"y":0,"width":24,"height":6,"properties":{"title":"rate","stat":"Sum","period":60,
                 "metrics":[["AWS/Lambda","Errors","FunctionName","F",{"id":"errors","visible":false}],
                            [".","Invocations",".",".",{"id":"calls","visible":false}],
                            [{"expression":"100 * errors / calls","label":"error rate","id":"rate"}]]}}]}""");
        List<MetricDataQueries.Query> queries = widgets.getFirst().queries();
        assertThat(queries.get(1).metricStat().orElseThrow().metric().namespace())
                .isEqualTo("AWS/Lambda");
        assertThat(queries.get(1).metricStat().orElseThrow().metric().dimensions())
                .isEqualTo(Dimensions.of("FunctionName", "F"));
        assertThat(queries.get(0).returnData()).isFalse();
        assertThat(queries.get(2).expression()).contains("100 * errors / calls");
    }

    @Test
    void a_body_that_is_not_json_is_refused() {
        assertThatThrownBy(() -> DashboardBody.parse("{widgets: [")).hasMessageContaining("not JSON");
    }
}
