package dev.orders.domain.fulfillment;

import dev.orders.domain.order.OrderId;
import dev.orders.domain.validation.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a fulfillment record must meet. Shape rules (a field missing or malformed) and business
 * rules (a negative amount) are told apart, because the quarantine reason names which one failed.
 */
public final class FulfillmentPolicy {

    static final int MAX_ID_LENGTH = 128;
    /** Printable ASCII without spaces: ids are keys in logs, metrics and the dedupe ledger. */
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1," + MAX_ID_LENGTH + "}");

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,4})?");

    private FulfillmentPolicy() {}

    /** Either the valid event, or why the record can never be applied. */
    public sealed interface Checked {
        record Valid(FulfillmentEvent event) implements Checked {}

        record Invalid(Rejection rejection) implements Checked {}
    }

    public enum RejectionKind {
        /** A field is missing or malformed. */
        SCHEMA_INVALID,
        /** Well formed, but breaks a business rule. */
        BUSINESS_INVALID;

        public String code() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public record Rejection(RejectionKind kind, List<FieldError> errors) {
        public Rejection {
            errors = List.copyOf(errors);
        }

        /** One line for the quarantine and the logs, e.g. {@code schema-invalid: type: must be one of ...}. */
        public String reason() {
            return kind.code() + ": "
                    + String.join(
                            "; ",
                            errors.stream()
                                    .map(e -> e.field() + ": " + e.message())
                                    .toList());
        }
    }

    public static Checked check(FulfillmentDraft draft) {
        List<FieldError> shape = new ArrayList<>();
        require(draft.eventId(), "eventId", shape).filter(v -> matches(ID, v, "eventId", shape));
        require(draft.orderId(), "orderId", shape)
                .filter(v -> OrderId.isValid(v) || add(shape, "orderId", "must be 1-64 letters, digits, '-' or '_'"));
        Optional<FulfillmentType> type = require(draft.type(), "type", shape).flatMap(v -> {
            Optional<FulfillmentType> named = FulfillmentType.named(v);
            if (named.isEmpty()) {
                add(shape, "type", "must be one of PICKED, SHIPPED, DELIVERED");
            }
            return named;
        });
        Optional<Instant> occurredAt =
                require(draft.occurredAt(), "occurredAt", shape).flatMap(v -> instant(v, shape));
        require(draft.warehouseId(), "warehouseId", shape).filter(v -> matches(ID, v, "warehouseId", shape));
        Optional<BigDecimal> amount = Optional.ofNullable(draft.amount()).flatMap(v -> decimal(v, shape));
        if (!shape.isEmpty()) {
            return new Checked.Invalid(new Rejection(RejectionKind.SCHEMA_INVALID, shape));
        }
        List<FieldError> business = new ArrayList<>();
        if (amount.isPresent() && amount.get().signum() < 0) {
            business.add(new FieldError("amount", "must not be negative"));
        }
        if (!business.isEmpty()) {
            return new Checked.Invalid(new Rejection(RejectionKind.BUSINESS_INVALID, business));
        }
        return new Checked.Valid(new FulfillmentEvent(
                draft.eventId(),
                new OrderId(draft.orderId()),
                type.orElseThrow(),
                occurredAt.orElseThrow(),
                draft.warehouseId(),
                amount));
    }

    private static Optional<String> require(String value, String field, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static boolean matches(Pattern pattern, String value, String field, List<FieldError> errors) {
        return pattern.matcher(value).matches()
                || add(errors, field, "must be 1-" + MAX_ID_LENGTH + " printable ASCII characters without spaces");
    }

    private static Optional<Instant> instant(String value, List<FieldError> errors) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            add(errors, "occurredAt", "must be an ISO-8601 instant such as 2026-11-27T12:00:00Z");
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> decimal(String value, List<FieldError> errors) {
        if (!DECIMAL.matcher(value).matches()) {
            add(errors, "amount", "must be a decimal number with at most 12 integer and 4 fraction digits");
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(value));
    }

    private static boolean add(List<FieldError> errors, String field, String message) {
        errors.add(new FieldError(field, message));
        return false;
    }
}
