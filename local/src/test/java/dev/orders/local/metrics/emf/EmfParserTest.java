package dev.orders.local.metrics.emf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.shared.Metrics;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.Unit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EMF documents read as "Specification: Embedded metric format" says CloudWatch Logs reads them. */
class EmfParserTest {

    /** A line the functions printed through Powertools (from a test run's output). */
    static final String POWERTOOLS_LINE =
            "{\"_aws\":{\"Timestamp\":1796034332637,\"CloudWatchMetrics\":[{\"Namespace\":\"Orders\","
                    + "\"Metrics\":[{\"Name\":\"PaymentCallbacksRejected\",\"Unit\":\"Count\"}],\"Dimensions\":[[\"Service\",\"Reason\"]]}]},"
                    + "\"PaymentCallbacksRejected\":1.0,\"Service\":\"PaymentWebhook\",\"Reason\":\"signature_mismatch\"}";

    static List<EmfParser.Datum> data(String line) {
        return ((EmfParser.Result.Metrics) EmfParser.parse(line)).data();
    }

    @Test
    void a_line_powertools_printed_becomes_its_metric() {
        List<EmfParser.Datum> data = data(POWERTOOLS_LINE);
        assertThat(data).hasSize(1);
        EmfParser.Datum d = data.getFirst();
        assertThat(d.metric())
                .isEqualTo(new MetricId(
                        "Orders",
                        "PaymentCallbacksRejected",
                        Dimensions.of("Service", "PaymentWebhook", "Reason", "signature_mismatch")));
        assertThat(d.values()).containsExactly(1.0);
        assertThat(d.unit()).isEqualTo(Unit.COUNT);
        assertThat(d.storageResolution()).isEqualTo(60);
        assertThat(d.timestamp()).isEqualTo(Instant.ofEpochMilli(1796034332637L));
    }

    @Test
    void what_the_handlers_print_now_parses() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new Metrics("OrderApi").count("OrdersAccepted");
        } finally {
            System.setOut(original);
        }
        String line = captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("\"_aws\""))
                .findFirst()
                .orElseThrow();
        EmfParser.Datum d = data(line).getFirst();
        assertThat(d.metric().namespace()).isEqualTo("Orders");
        assertThat(d.metric().name()).isEqualTo("OrdersAccepted");
        assertThat(d.metric().dimensions().asMap()).containsEntry("Service", "OrderApi");
    }

    @Test
    void every_dimension_set_makes_its_own_metric_and_arrays_give_every_value() {
        String line = """
                {"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"Shop","Dimensions":[["Service"],["Service","Route"],[]],
                "Metrics":[{"Name":"Latency","Unit":"Milliseconds","StorageResolution":1},{"Name":"Items"}]}]},
                "Service":"api","Route":"POST /orders","Latency":[12,30.5,7],"Items":3,"requestId":"r-1"}""".replace("\n", "");
        List<EmfParser.Datum> data = data(line);
        assertThat(data).hasSize(6);
        assertThat(data)
                .extracting(d -> d.metric().dimensions())
                .contains(
                        Dimensions.of("Service", "api"),
                        Dimensions.of("Service", "api", "Route", "POST /orders"),
                        Dimensions.NONE);
        EmfParser.Datum latency = data.getFirst();
        assertThat(latency.values()).containsExactly(12.0, 30.5, 7.0);
        assertThat(latency.storageResolution()).isEqualTo(1);
        assertThat(data.get(3).metric().name()).isEqualTo("Items");
        assertThat(data.get(3).unit()).isEqualTo(Unit.NONE);
    }

    @Test
    void lambdas_prefix_before_the_document_is_allowed() {
        assertThat(data("2026-11-30T10:00:00.000Z\tabc-123\t" + POWERTOOLS_LINE))
                .hasSize(1);
    }

    @Test
    void an_ordinary_log_line_is_not_emf() {
        assertThat(EmfParser.parse("{\"level\":\"INFO\",\"message\":\"order accepted\"}"))
                .isInstanceOf(EmfParser.Result.NotEmf.class);
        assertThat(EmfParser.parse("started")).isInstanceOf(EmfParser.Result.NotEmf.class);
    }

    @Test
    void broken_documents_are_refused_whole_with_a_reason() {
        assertThat(EmfParser.parse("{\"_aws\": {")).isInstanceOf(EmfParser.Result.Unparseable.class);
        String[] invalid = {
            "{\"_aws\":{\"CloudWatchMetrics\":[]}}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"D\"]],\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":1}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"D\"]],\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":1,\"D\":5}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":\"fast\"}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\",\"Unit\":\"Furlongs\"}]}]},\"M\":1}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\",\"StorageResolution\":5}]}]},\"M\":1}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"AWS/Lambda\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":1}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":1}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\"}]}]}}"
        };
        for (String line : invalid) {
            assertThat(EmfParser.parse(line)).as(line).isInstanceOf(EmfParser.Result.Invalid.class);
        }
        String tooMany =
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":["
                        + "1,".repeat(100) + "1]}";
        assertThat(EmfParser.parse(tooMany)).isInstanceOf(EmfParser.Result.Invalid.class);
    }
}
