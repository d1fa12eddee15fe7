package dev.orders.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.placing.OrderDraft;
import dev.orders.domain.validation.FieldError;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code POST /orders} body into a draft, reporting every structural problem (not JSON, wrong
 * types, unknown fields) as a field error. Rule for unknown fields: they are rejected, so that a
 * misspelt field never silently changes what was ordered. The business rules come after, in the domain.
 */
final class OrderRequestReader {

    private static final Set<String> ORDER_FIELDS = Set.of("orderId", "customerId", "items");
    private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity", "unitPrice");
    private static final Set<String> PRICE_FIELDS = Set.of("amount", "currency");

    private OrderRequestReader() {}

    /** The draft (absent or unreadable fields null) and the structural errors found on the way. */
    record Read(OrderDraft draft, List<FieldError> errors) {}

    static Read read(byte[] body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.strict().readTree(body);
        } catch (StreamConstraintsException tooLarge) {
            return failed(errors, "", "exceeds a nesting, string or number size limit");
        } catch (JsonProcessingException malformed) {
            var at = malformed.getLocation();
            return failed(
                    errors,
                    "",
                    at == null
                            ? "is not well-formed JSON"
                            : "is not well-formed JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (IOException unreadable) {
            return failed(errors, "", "cannot be read as JSON");
        }
        if (root == null || !root.isObject()) {
            return failed(errors, "", "must be a JSON object");
        }
        unknownFields(root, "", ORDER_FIELDS, errors);
        String orderId = text(root, "orderId", "orderId", errors);
        String customerId = text(root, "customerId", "customerId", errors);
        List<OrderDraft.Item> items = items(root.get("items"), errors);
        return new Read(new OrderDraft(orderId, customerId, items), errors);
    }

    private static Read failed(List<FieldError> errors, String field, String message) {
        errors.add(new FieldError(field, "the body " + message));
        return new Read(new OrderDraft(null, null, null), errors);
    }

    private static List<OrderDraft.Item> items(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("items", "must be an array"));
            return null;
        }
        List<OrderDraft.Item> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                errors.add(new FieldError(at, "must be an object"));
                items.add(null);
                continue;
            }
            unknownFields(item, at + ".", ITEM_FIELDS, errors);
            String sku = text(item, "sku", at + ".sku", errors);
            Integer quantity = quantity(item.get("quantity"), at + ".quantity", errors);
            String amount = null;
            String currency = null;
            JsonNode price = item.get("unitPrice");
            if (price != null && !price.isNull()) {
                if (price.isObject()) {
                    unknownFields(price, at + ".unitPrice.", PRICE_FIELDS, errors);
                    amount = text(price, "amount", at + ".unitPrice.amount", errors);
                    currency = text(price, "currency", at + ".unitPrice.currency", errors);
                } else {
                    errors.add(new FieldError(at + ".unitPrice", "must be an object with amount and currency"));
                }
            }
            items.add(new OrderDraft.Item(sku, quantity, amount, currency));
        }
        return items;
    }

    private static Integer quantity(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(new FieldError(field, "must be a whole number from 1 to 999"));
            return null;
        }
        return node.intValue();
    }

    private static String text(JsonNode parent, String name, String field, List<FieldError> errors) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static void unknownFields(JsonNode object, String prefix, Set<String> known, List<FieldError> errors) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(prefix + truncate(name), "is not a known field"));
            }
        });
    }

    private static String truncate(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
