package dev.orders.domain.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.fulfillment.FulfillmentPolicy.Checked;
import dev.orders.domain.fulfillment.FulfillmentPolicy.RejectionKind;
import dev.orders.domain.validation.FieldError;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FulfillmentPolicyTest {

    private static FulfillmentPolicy.Rejection rejected(FulfillmentDraft draft) {
        return ((Checked.Invalid) FulfillmentPolicy.check(draft)).rejection();
    }

    @Test
    void a_complete_record_is_valid() {
        var checked = FulfillmentPolicy.check(
                new FulfillmentDraft("e-1", "o-1", "SHIPPED", "2026-11-27T13:00:00Z", "WH-1", "12.50"));
        FulfillmentEvent event = ((Checked.Valid) checked).event();
        assertThat(event.type()).isEqualTo(FulfillmentType.SHIPPED);
        assertThat(event.amount()).contains(new BigDecimal("12.50"));
        assertThat(event.dedupeId().value()).isEqualTo("fulfillment:e-1");
    }

    @Test
    void every_missing_or_malformed_field_is_reported_at_once() {
        var rejection = rejected(new FulfillmentDraft(null, "bad id!", "LOST", "yesterday", "", "1e5"));
        assertThat(rejection.kind()).isEqualTo(RejectionKind.SCHEMA_INVALID);
        assertThat(rejection.errors())
                .extracting(FieldError::field)
                .containsExactly("eventId", "orderId", "type", "occurredAt", "warehouseId", "amount");
    }

    @Test
    void shape_errors_are_reported_before_business_rules() {
        var rejection = rejected(new FulfillmentDraft("e-1", "o-1", "LOST", "2026-11-27T13:00:00Z", "WH-1", "-1"));
        assertThat(rejection.kind()).isEqualTo(RejectionKind.SCHEMA_INVALID);
        assertThat(rejection.reason()).isEqualTo("schema-invalid: type: must be one of PICKED, SHIPPED, DELIVERED");
    }

    @Test
    void a_negative_amount_breaks_a_business_rule() {
        var rejection =
                rejected(new FulfillmentDraft("e-1", "o-1", "DELIVERED", "2026-11-27T13:00:00Z", "WH-1", "-0.01"));
        assertThat(rejection.kind()).isEqualTo(RejectionKind.BUSINESS_INVALID);
    }

    @Test
    void the_amount_is_optional() {
        assertThat(FulfillmentPolicy.check(
                        new FulfillmentDraft("e-1", "o-1", "PICKED", "2026-11-27T13:00:00Z", "WH-1", null)))
                .isInstanceOf(Checked.Valid.class);
    }
}
