package dev.orders.functions.fulfillment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.fulfillment.FulfillmentDraft;
import dev.orders.functions.shared.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a record's bytes into a draft. Strict UTF-8 and the hardened JSON reader: anything else is
 * undecodable. Unknown fields are ignored (producers may add fields before this consumer knows them);
 * a known field of the wrong JSON type is reported, with its name.
 */
final class FulfillmentRecordReader {

    private static final List<String> TEXT_FIELDS = List.of("eventId", "orderId", "type", "occurredAt", "warehouseId");

    private FulfillmentRecordReader() {}

    sealed interface Read {
        record Draft(FulfillmentDraft draft) implements Read {}

        /** Why the bytes can never become a draft: the quarantine reason. */
        record Unreadable(String reason) implements Read {}
    }

    static Read read(byte[] data) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new Read.Unreadable("undecodable: the data is not UTF-8 text");
        }
        JsonNode json;
        try {
            json = Json.strict().readTree(text);
        } catch (JacksonException notJson) {
            return new Read.Unreadable("undecodable: the data is not a JSON document within the limits ("
                    + notJson.getOriginalMessage() + ")");
        }
        if (json == null || !json.isObject()) {
            return new Read.Unreadable("undecodable: the data is not a JSON object");
        }
        List<String> wrongType = new ArrayList<>();
        String[] values = new String[TEXT_FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode field = json.get(TEXT_FIELDS.get(i));
            if (field != null && !field.isNull() && !field.isTextual()) {
                wrongType.add(TEXT_FIELDS.get(i) + ": must be a string");
            }
            values[i] = field != null && field.isTextual() ? field.asText() : null;
        }
        JsonNode amount = json.get("amount");
        if (amount != null && !amount.isNull() && !amount.isNumber() && !amount.isTextual()) {
            wrongType.add("amount: must be a number or a decimal string");
        }
        if (!wrongType.isEmpty()) {
            return new Read.Unreadable("schema-invalid: " + String.join("; ", wrongType));
        }
        String amountText = amount == null || amount.isNull()
                ? null
                : amount.isNumber() ? amount.decimalValue().toPlainString() : amount.asText();
        return new Read.Draft(new FulfillmentDraft(values[0], values[1], values[2], values[3], values[4], amountText));
    }
}
