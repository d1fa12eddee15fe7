package dev.orders.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderFlowTest {

    @Test
    void an_order_brings_one_request_one_callback_three_records_and_a_notification_per_event_the_rule_matches() {
        assertThat(OrderFlow.perOrder(Templates.deployed()))
                .containsExactly(
                        new OrderFlow.PerOrder(PathName.API, 1, "one POST /orders"),
                        new OrderFlow.PerOrder(PathName.PAYMENTS, 1, "one payment callback"),
                        new OrderFlow.PerOrder(PathName.FULFILLMENT, 3, "PICKED, SHIPPED, DELIVERED"),
                        new OrderFlow.PerOrder(PathName.NOTIFICATIONS, 3, "OrderPaid, OrderShipped, OrderDelivered"),
                        new OrderFlow.PerOrder(PathName.RECEIPTS, 1, "one receipt image"));
        assertThat(OrderFlow.rates(Templates.deployed(), 20))
                .isEqualTo(Map.of(
                        PathName.API,
                        20.0,
                        PathName.PAYMENTS,
                        20.0,
                        PathName.FULFILLMENT,
                        60.0,
                        PathName.NOTIFICATIONS,
                        60.0,
                        PathName.RECEIPTS,
                        20.0));
        assertThat(OrderFlow.perOrder(Templates.article()))
                .extracting(OrderFlow.PerOrder::path)
                .as("a template without a path brings nothing to it")
                .doesNotContain(PathName.RECEIPTS);
    }

    @Test
    void the_notifications_follow_the_rules_pattern_as_eventbridge_matches_it() {
        var acceptedToo = Templates.variant(
                t -> t.replace("detail-type: [OrderPaid,", "detail-type: [OrderAccepted, OrderPaid,"));
        assertThat(OrderFlow.rates(acceptedToo, 1)).containsEntry(PathName.NOTIFICATIONS, 4.0);

        var prefixed = Templates.variant(t -> t.replace(
                "detail-type: [OrderPaid, OrderPaymentFailed, OrderShipped, OrderDelivered]",
                "detail-type: [{prefix: OrderS}]"));
        assertThat(OrderFlow.perOrder(prefixed))
                .contains(new OrderFlow.PerOrder(PathName.NOTIFICATIONS, 1, "OrderShipped"));
    }

    @Test
    void a_path_the_template_does_not_have_is_not_in_the_flow() {
        assertThat(OrderFlow.rates(Templates.article(), 5)).isEqualTo(Map.of(PathName.API, 5.0));
    }
}
