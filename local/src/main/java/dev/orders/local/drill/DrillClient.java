package dev.orders.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.payments.WebhookSignature;
import dev.orders.functions.shared.Json;
import dev.orders.local.LocalPlatform;
import dev.orders.local.paths.PaymentsPath;
import dev.orders.local.payments.LocalPaymentSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The drill's one client of the platform, as its users reach it: the API with a customer's token, the provider's
 * signed callbacks, Kinesis's JSON protocol, CloudWatch's GetMetricData (AWS JSON 1.0), the local views and the
 * mailbox folder. Everything goes over HTTP, so the same drill runs against its own platform or {@code --url}.
 */
final class DrillClient {

    static final String ORDER = """
            {"items":[{"sku":"DRILL-1","quantity":2,"unitPrice":{"amount":"12.50","currency":"EUR"}}]}""";
    static final String ORDER_AMOUNT = "25.00";

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Json.internal().readTree(body);
            } catch (IOException notJson) {
                return Json.internal().createObjectNode();
            }
        }
    }

    private final String base;
    private final Path data;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DrillClient(String base, Path data, String customer) {
        this.base = base;
        this.data = data;
        this.token = LocalPlatform.issuer(data).token(customer, Duration.ofHours(2));
    }

    String base() {
        return base;
    }

    Reply placeOrder(String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(base + "/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
    }

    Reply order(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(base + "/orders/" + orderId))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    /** A payment.succeeded callback with this provider event id, signed now with the platform's current secret. */
    Reply pay(String orderId, String eventId) {
        ObjectNode event = Json.internal()
                .createObjectNode()
                .put("id", eventId)
                .put("type", "payment.succeeded")
                .put("created", Instant.now().getEpochSecond());
        event.putObject("data")
                .put("orderId", orderId)
                .put("paymentId", "pay_" + eventId)
                .put("amount", ORDER_AMOUNT)
                .put("currency", "EUR");
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(LocalPaymentSecrets.load(data).current(), Instant.now(), body);
        return send(HttpRequest.newBuilder(URI.create(base + PaymentsPath.WEBHOOK_PATH))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Kinesis PutRecord of one fulfillment record, partitioned by its order. */
    Reply putFulfillment(String stream, String orderId, String eventId, String type) {
        ObjectNode record = Json.internal()
                .createObjectNode()
                .put("eventId", eventId)
                .put("orderId", orderId)
                .put("type", type)
                .put("occurredAt", Instant.now().toString())
                .put("warehouseId", "drill-1");
        ObjectNode put = Json.internal()
                .createObjectNode()
                .put("StreamName", stream)
                .put("PartitionKey", orderId)
                .put(
                        "Data",
                        Base64.getEncoder().encodeToString(record.toString().getBytes(StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("X-Amz-Target", "Kinesis_20131202.PutRecord")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(put.toString())));
    }

    Reply addFault(ObjectNode fault) {
        return send(HttpRequest.newBuilder(URI.create(base + "/_local/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fault.toString())));
    }

    Reply removeFault(String id) {
        return send(HttpRequest.newBuilder(URI.create(base + "/_local/faults/" + id))
                .DELETE());
    }

    /** Whether the store has the order (the local view: the API's throttle would answer 429 to a count of thousands). */
    boolean orderStored(String orderId) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(base + "/_local/order-total?orderId="
                        + java.net.URLEncoder.encode(orderId, java.nio.charset.StandardCharsets.UTF_8)))
                .GET());
        if (reply.status() != 200 && reply.status() != 404) {
            throw new IllegalStateException("/_local/order-total answered " + reply.status() + ": " + reply.body());
        }
        return reply.status() == 200;
    }

    /** {@code POST /_local/VIEW} with its parameters in the query string (starting a deployment run). */
    Reply postLocal(String view) {
        return send(
                HttpRequest.newBuilder(URI.create(base + "/_local/" + view)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonNode local(String view) {
        Reply reply = send(
                HttpRequest.newBuilder(URI.create(base + "/_local/" + view)).GET());
        if (reply.status() != 200) {
            throw new IllegalStateException("/_local/" + view + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** How many bus events of this detail-type name this order (after the outbox has drained). */
    long events(String detailType, String orderId) {
        return events(detailType, "orderId", orderId);
    }

    /**
     * How many bus events of this detail-type a cause produced ({@code detail.causeId}: an OrderAccepted's is the
     * request's Idempotency-Key), whichever orders they name: a request applied twice makes two orders, each with one.
     */
    long eventsCausedBy(String detailType, String causeId) {
        return events(detailType, "causeId", causeId);
    }

    private long events(String detailType, String field, String value) {
        long count = 0;
        for (JsonNode event : local("events?detail-type=" + detailType)) {
            if (event.path("detail").path(field).asText().equals(value)) {
                count++;
            }
        }
        return count;
    }

    long outboxUnpublished() {
        return local("health").at("/components/outbox/unpublished").asLong();
    }

    /** Visible plus in-flight messages of the queue a function's mapping reads. */
    long queueBacklog(String function) {
        JsonNode queues = local("queues");
        String queue = null;
        for (JsonNode mapping : queues.path("eventSourceMappings")) {
            if (mapping.path("function").asText().equals(function)) {
                queue = mapping.path("queue").asText();
            }
        }
        for (JsonNode q : queues.path("queues")) {
            if (q.path("name").asText().equals(queue)) {
                return q.path("visible").asLong() + q.path("inFlight").asLong();
            }
        }
        throw new IllegalStateException("no queue is read by " + function);
    }

    /** Mails in the mailbox for this order and event type ({@code DATA/mailbox/ORDER.TYPE.ID.eml}). */
    long mails(String orderId, String eventType) {
        Path mailbox = data.resolve("mailbox");
        if (!Files.isDirectory(mailbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(mailbox)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(orderId + "." + eventType + ".") && n.endsWith(".eml"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One metric's statistic per period, via CloudWatch's GetMetricData: epoch second → value. */
    Map<Long, Double> metric(
            String namespace,
            String name,
            Map<String, String> dimensions,
            String stat,
            int period,
            Instant start,
            Instant end) {
        ObjectNode request = Json.internal()
                .createObjectNode()
                .put("StartTime", start.getEpochSecond())
                .put("EndTime", end.getEpochSecond());
        ObjectNode query = request.putArray("MetricDataQueries").addObject().put("Id", "m");
        ObjectNode stat0 = query.putObject("MetricStat").put("Period", period).put("Stat", stat);
        ObjectNode metric =
                stat0.putObject("Metric").put("Namespace", namespace).put("MetricName", name);
        ArrayNode dims = metric.putArray("Dimensions");
        dimensions.forEach((k, v) -> dims.addObject().put("Name", k).put("Value", v));
        Reply reply = send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricData")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        if (reply.status() != 200) {
            throw new IllegalStateException("GetMetricData answered " + reply.status() + ": " + reply.body());
        }
        JsonNode result = reply.json().path("MetricDataResults").path(0);
        Map<Long, Double> points = new java.util.TreeMap<>();
        for (int i = 0; i < result.path("Timestamps").size(); i++) {
            JsonNode t = result.path("Timestamps").get(i);
            long epoch = t.isNumber()
                    ? (long) t.asDouble()
                    : Instant.parse(t.asText()).getEpochSecond();
            points.put(epoch, result.path("Values").get(i).asDouble());
        }
        return points;
    }

    /**
     * The version an alias points at, by the Lambda API's GetAlias (what {@code aws lambda get-alias} calls). The local
     * endpoint routes by the credential scope and does not verify signatures, so the drill names the service unsigned.
     */
    String aliasVersion(String function, String alias) {
        Reply reply = send(
                HttpRequest.newBuilder(URI.create(base + "/2015-03-31/functions/" + function + "/aliases/" + alias))
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=drill/20250101/us-east-1/lambda/aws4_request, "
                                        + "SignedHeaders=host, Signature=unsigned")
                        .GET());
        if (reply.status() != 200) {
            throw new IllegalStateException(
                    "GetAlias " + function + ":" + alias + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().path("FunctionVersion").asText();
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException("the platform at " + base + " did not answer", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
