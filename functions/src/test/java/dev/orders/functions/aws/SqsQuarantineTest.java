package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.port.Quarantine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsQuarantineTest {

    record Sent(String body, Map<String, String> attributes) {}

    @Test
    void a_held_item_is_sent_with_its_exact_bytes_and_its_reason() {
        List<Sent> sent = new ArrayList<>();
        SqsQuarantine quarantine = new SqsQuarantine((body, attributes) -> {
            sent.add(new Sent(body, attributes));
            return "m-1";
        });
        byte[] garbage = {(byte) 0xff, 0, 'x'};
        quarantine.hold(new Quarantine.Item(
                "fulfillment", "shard-0/42", garbage, "undecodable: not JSON", Instant.parse("2026-11-27T12:00:00Z")));

        assertThat(sent).hasSize(1);
        assertThat(Base64.getDecoder().decode(sent.getFirst().body())).isEqualTo(garbage);
        assertThat(sent.getFirst().attributes())
                .containsEntry("source", "fulfillment")
                .containsEntry("itemId", "shard-0/42")
                .containsEntry("reason", "undecodable: not JSON")
                .containsEntry("quarantinedAt", "2026-11-27T12:00:00Z");
    }

    @Test
    void a_very_long_reason_is_cut_to_fit_an_attribute() {
        List<Sent> sent = new ArrayList<>();
        new SqsQuarantine((body, attributes) -> {
                    sent.add(new Sent(body, attributes));
                    return "m-1";
                })
                .hold(new Quarantine.Item(
                        "fulfillment", "s", "x".getBytes(StandardCharsets.UTF_8), "r".repeat(5000), Instant.EPOCH));
        assertThat(sent.getFirst().attributes().get("reason")).hasSize(1024);
    }
}
