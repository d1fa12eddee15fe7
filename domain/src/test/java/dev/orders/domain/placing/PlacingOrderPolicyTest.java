package dev.orders.domain.placing;

import static dev.orders.domain.testing.Fixtures.alice;
import static dev.orders.domain.testing.Fixtures.key;
import static dev.orders.domain.testing.Fixtures.twoLineDraft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.placing.PlacingOrderPolicy.Verdict;
import dev.orders.domain.validation.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacingOrderPolicyTest {

    private static Verdict check(OrderDraft draft) {
        return PlacingOrderPolicy.check(draft, alice(), key("k"));
    }

    private static List<String> errorFields(OrderDraft draft) {
        return ((Verdict.Invalid) check(draft))
                .errors().stream().map(FieldError::field).toList();
    }

    @Test
    void a_well_formed_draft_becomes_a_command_for_the_caller() {
        Verdict.Valid valid = (Verdict.Valid) check(twoLineDraft());
        assertThat(valid.command().customerId()).isEqualTo(alice());
        assertThat(valid.command().requestedId()).isEmpty();
        assertThat(valid.command().items()).hasSize(2);
    }

    @Test
    void every_field_error_is_reported_at_once() {
        OrderDraft draft = new OrderDraft(
                "bad id!",
                "",
                List.of(
                        new OrderDraft.Item("", 0, "12.505", "EUR"),
                        new OrderDraft.Item("ok", 1000, "1.00", "eur"),
                        new OrderDraft.Item(null, null, null, null)));
        assertThat(errorFields(draft))
                .containsExactly(
                        "orderId",
                        "customerId",
                        "items[0].sku",
                        "items[0].quantity",
                        "items[0].unitPrice.amount",
                        "items[1].quantity",
                        "items[1].unitPrice.currency",
                        "items[2].sku",
                        "items[2].quantity",
                        "items[2].unitPrice.currency");
    }

    @Test
    void all_items_share_one_currency() {
        OrderDraft draft = new OrderDraft(
                null,
                null,
                List.of(new OrderDraft.Item("A", 1, "1.00", "EUR"), new OrderDraft.Item("B", 1, "1.00", "USD")));
        assertThat(((Verdict.Invalid) check(draft)).errors())
                .containsExactly(new FieldError(
                        "items[1].unitPrice.currency", "must be EUR: all items of an order share one currency"));
    }

    @Test
    void an_order_has_one_to_a_hundred_items() {
        assertThat(errorFields(new OrderDraft(null, null, List.of()))).containsExactly("items");
        assertThat(errorFields(new OrderDraft(null, null, null))).containsExactly("items");
        List<OrderDraft.Item> many =
                new ArrayList<>(Collections.nCopies(101, new OrderDraft.Item("A", 1, "1.00", "EUR")));
        assertThat(errorFields(new OrderDraft(null, null, many))).containsExactly("items");
        assertThat(check(new OrderDraft(null, null, many.subList(0, 100)))).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void quantities_run_from_1_to_999() {
        assertThat(check(new OrderDraft(null, null, List.of(new OrderDraft.Item("A", 999, "1.00", "EUR")))))
                .isInstanceOf(Verdict.Valid.class);
        assertThat(errorFields(new OrderDraft(null, null, List.of(new OrderDraft.Item("A", -1, "1.00", "EUR")))))
                .containsExactly("items[0].quantity");
    }

    @Test
    void a_customer_id_other_than_the_callers_is_refused() {
        OrderDraft forBob = new OrderDraft(null, "bob", twoLineDraft().items());
        assertThat(check(forBob)).isInstanceOf(Verdict.NotTheCaller.class);
        OrderDraft forAlice = new OrderDraft(null, "alice", twoLineDraft().items());
        assertThat(check(forAlice)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void field_errors_come_before_the_customer_check() {
        OrderDraft invalidForBob = new OrderDraft(null, "bob", List.of());
        assertThat(check(invalidForBob)).isInstanceOf(Verdict.Invalid.class);
    }

    @Test
    void the_fingerprint_compares_money_by_value_and_ignores_whether_customer_was_written() {
        PlaceOrder written = ((Verdict.Valid)
                        check(new OrderDraft(null, "alice", List.of(new OrderDraft.Item("A", 1, "12.5", "EUR")))))
                .command();
        PlaceOrder implied = ((Verdict.Valid)
                        check(new OrderDraft(null, null, List.of(new OrderDraft.Item("A", 1, "12.50", "EUR")))))
                .command();
        PlaceOrder other = ((Verdict.Valid)
                        check(new OrderDraft(null, null, List.of(new OrderDraft.Item("A", 2, "12.50", "EUR")))))
                .command();
        assertThat(written.fingerprint()).isEqualTo(implied.fingerprint()).isNotEqualTo(other.fingerprint());
    }

    @Test
    void idempotency_keys_are_1_to_255_printable_ascii() {
        assertThat(IdempotencyKey.parse("a")).isPresent();
        assertThat(IdempotencyKey.parse("k".repeat(255))).isPresent();
        assertThat(IdempotencyKey.parse("k".repeat(256))).isEmpty();
        assertThat(IdempotencyKey.parse("")).isEmpty();
        assertThat(IdempotencyKey.parse(null)).isEmpty();
        assertThat(IdempotencyKey.parse("tab\there")).isEmpty();
        assertThat(IdempotencyKey.parse("caf\u00e9")).isEmpty();
    }
}
