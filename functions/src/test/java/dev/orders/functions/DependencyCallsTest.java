package dev.orders.functions;

import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.recordJson;
import static dev.orders.domain.testing.Payments.acceptedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.notifying.Notification;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.Mailer;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryMailer;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.DependencyCalls.Dependency;
import dev.orders.functions.DependencyCalls.Profile;
import dev.orders.functions.api.OrderApiHandler;
import dev.orders.functions.fulfillment.FulfillmentEventsHandler;
import dev.orders.functions.notifications.NotificationsHandler;
import dev.orders.functions.payments.PaymentEventsHandler;
import dev.orders.functions.payments.PaymentSecrets;
import dev.orders.functions.payments.PaymentWebhookHandler;
import dev.orders.functions.payments.WebhookSignature;
import dev.orders.functions.receipts.InMemoryReceiptObjects;
import dev.orders.functions.receipts.ReceiptEvents;
import dev.orders.functions.receipts.ReceiptImages;
import dev.orders.functions.receipts.ReceiptObjects;
import dev.orders.functions.receipts.ReceiptsHandler;
import dev.orders.functions.receipts.ScratchSpace;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.OrderJson;
import dev.orders.functions.shared.QueueSender;
import dev.orders.functions.testing.TestContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity planner's call counts ({@link DependencyCalls}) against the handlers' real calls: each handler runs its
 * profile's scenario with every port wrapped in a recorder, one unit of work and then a batch of three, and the
 * recorded calls must be the table's, times the units. The batches show that a batch costs its size times one item,
 * which is how the planner scales a batch function's duration.
 */
class DependencyCallsTest {

    private static final String SECRET = "whsec_counting";

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> every_profile_matches_the_calls_its_handler_makes() {
        return DependencyCalls.all().stream()
                .flatMap(profile -> Stream.of(
                        DynamicTest.dynamicTest(
                                simpleName(profile) + ": one " + profile.unit(), () -> assertCalls(profile, 1)),
                        DynamicTest.dynamicTest(
                                simpleName(profile) + ": three " + profile.unit() + "s",
                                () -> assertCalls(profile, 3))));
    }

    @Test
    void the_table_is_found_by_the_handler_a_template_names() {
        assertThat(DependencyCalls.forHandler(OrderApiHandler.class.getName() + "::handleRequest"))
                .map(Profile::unit)
                .contains("request");
        assertThat(DependencyCalls.forHandler("dev.orders.functions.NoSuchHandler::handleRequest"))
                .isEmpty();
        assertThat(Dependency.named("Store")).contains(Dependency.STORE);
        assertThat(Dependency.named("disk")).isEmpty();
    }

    private static String simpleName(Profile profile) {
        return profile.handler().substring(profile.handler().lastIndexOf('.') + 1);
    }

    private static void assertCalls(Profile profile, int units) {
        Recorder recorder = new Recorder();
        run(profile, units, recorder);
        Map<Dependency, Integer> expected = new EnumMap<>(Dependency.class);
        profile.all().forEach((dependency, calls) -> expected.put(dependency, calls * units));
        assertThat(recorder.counts)
                .as("%s, %d %s(s): %s", simpleName(profile), units, profile.unit(), profile.scenario())
                .isEqualTo(expected);
    }

    /** Runs the profile's scenario for {@code units} units of work; what the scenario sets up beforehand is not counted. */
    private static void run(Profile profile, int units, Recorder recorder) {
        InMemoryOrderStore store = new InMemoryOrderStore();
        MutableClock clock = MutableClock.atNoon();
        List<String> orders =
                IntStream.rangeClosed(1, units).mapToObj(i -> "o-" + i).toList();
        String handler = profile.handler();
        if (handler.equals(OrderApiHandler.class.getName())) {
            OrderApiHandler api = new OrderApiHandler(recorder.store(store), clock);
            orders.forEach(order -> assertThat(
                            api.handleRequest(placeOrder(order), null).getStatusCode())
                    .isEqualTo(202));
        } else if (handler.equals(PaymentWebhookHandler.class.getName())) {
            PaymentWebhookHandler webhook =
                    new PaymentWebhookHandler(new PaymentSecrets(SECRET, Optional.empty()), recorder.queue(), clock);
            orders.forEach(order -> assertThat(webhook.handleRequest(callback(order, clock.instant()), null)
                            .getStatusCode())
                    .isEqualTo(202));
        } else if (handler.equals(PaymentEventsHandler.class.getName())) {
            orders.forEach(order -> acceptedOrder(store, clock, order));
            PaymentEventsHandler events = new PaymentEventsHandler(recorder.store(store), recorder.queue(), clock);
            assertThat(events.handleRequest(
                                    sqs(orders.stream()
                                            .map(DependencyCallsTest::paymentSucceeded)
                                            .toList()),
                                    null)
                            .getBatchItemFailures())
                    .isEmpty();
        } else if (handler.equals(FulfillmentEventsHandler.class.getName())) {
            orders.forEach(order -> placePaidOrder(store, order));
            FulfillmentEventsHandler fulfillment =
                    new FulfillmentEventsHandler(recorder.store(store), recorder.quarantine(), recorder.queue(), clock);
            assertThat(fulfillment
                            .handleRequest(
                                    kinesis(orders.stream()
                                            .map(order -> recordJson("e-" + order, order, "PICKED"))
                                            .toList()),
                                    null)
                            .getBatchItemFailures())
                    .isEmpty();
        } else if (handler.equals(NotificationsHandler.class.getName())) {
            orders.forEach(order -> acceptedOrder(store, clock, order));
            InMemoryMailer mailbox = new InMemoryMailer();
            NotificationsHandler notifications =
                    new NotificationsHandler(recorder.store(store), recorder.mailer(mailbox), recorder.queue());
            assertThat(notifications
                            .handleRequest(
                                    sqs(store.outbox().stream()
                                            .map(DependencyCallsTest::busEnvelope)
                                            .toList()),
                                    null)
                            .getBatchItemFailures())
                    .isEmpty();
            assertThat(mailbox.sent()).hasSize(units);
        } else if (handler.equals(ReceiptsHandler.class.getName())) {
            orders.forEach(order -> acceptedOrder(store, clock, order));
            InMemoryReceiptObjects bucket = new InMemoryReceiptObjects();
            byte[] jpeg = ReceiptImages.jpeg(400, 300);
            var records = orders.stream()
                    .map(order -> {
                        String key = "receipts/" + order + "/r1";
                        return ReceiptEvents.created(key, jpeg.length, bucket.upload(key, jpeg, "image/jpeg"))
                                .getRecords()
                                .getFirst();
                    })
                    .collect(Collectors.toList());
            ReceiptsHandler receipts = new ReceiptsHandler(
                    recorder.store(store),
                    recorder.objects(bucket),
                    new ScratchSpace(scratch.resolve("units-" + units), 512L * 1024 * 1024),
                    clock);
            receipts.handleRequest(
                    new com.amazonaws.services.lambda.runtime.events.S3Event(records),
                    new TestContext("ReceiptsFunction").next());
            orders.forEach(order -> assertThat(
                            store.findOrder(new OrderId(order)).orElseThrow().receipt("r1"))
                    .hasValueSatisfying(
                            receipt -> assertThat(receipt.isAttached()).isTrue()));
        } else {
            throw new AssertionError("no scenario for " + handler + ": add one here with the profile");
        }
    }

    private static APIGatewayProxyRequestEvent placeOrder(String orderId) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("req-" + orderId)
                .withStage("live")
                .withHttpMethod("POST")
                .withResourcePath("/orders");
        context.setAuthorizer(Map.of("claims", Map.of("sub", "alice", "iss", "urn:test")));
        String body = "{\"orderId\":\"" + orderId + "\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1,"
                + "\"unitPrice\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}}]}";
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withResource("/orders")
                .withPath("/orders")
                .withHeaders(Map.of("content-type", "application/json", "idempotency-key", "key-" + orderId))
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    private static APIGatewayProxyRequestEvent callback(String orderId, Instant now) {
        String body = paymentSucceeded(orderId);
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withResource("/payments/callbacks/{provider}")
                .withPathParameters(Map.of("provider", PaymentWebhookHandler.PROVIDER))
                .withHeaders(Map.of(
                        "content-type",
                        "application/json",
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8))))
                .withBody(body);
    }

    private static String paymentSucceeded(String orderId) {
        return "{\"id\":\"evt-" + orderId + "\",\"type\":\"payment.succeeded\",\"created\":1,\"data\":{\"orderId\":\""
                + orderId + "\",\"paymentId\":\"pay-" + orderId + "\",\"amount\":\"30.00\",\"currency\":\"EUR\"}}";
    }

    private static String busEnvelope(OrderEvent event) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("version", "0")
                .put("id", event.eventId())
                .put("detail-type", event.detailType())
                .put("source", "orders");
        json.set("detail", OrderJson.detail(event));
        return json.toString();
    }

    private static SQSEvent sqs(List<String> bodies) {
        SQSEvent event = new SQSEvent();
        event.setRecords(IntStream.range(0, bodies.size())
                .mapToObj(i -> {
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId("m" + i);
                    message.setBody(bodies.get(i));
                    return message;
                })
                .toList());
        return event;
    }

    private static KinesisEvent kinesis(List<String> payloads) {
        KinesisEvent event = new KinesisEvent();
        event.setRecords(IntStream.range(0, payloads.size())
                .mapToObj(i -> {
                    KinesisEvent.Record kinesis = new KinesisEvent.Record();
                    kinesis.setSequenceNumber(String.valueOf(i + 1));
                    kinesis.setPartitionKey("pk");
                    kinesis.setData(ByteBuffer.wrap(payloads.get(i).getBytes(StandardCharsets.UTF_8)));
                    KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
                    record.setKinesis(kinesis);
                    record.setEventID("shardId-000000000000:" + (i + 1));
                    return record;
                })
                .toList());
        return event;
    }

    /** Counts every call through the ports it wraps, by the dependency each port reaches. */
    private static final class Recorder {
        private final Map<Dependency, Integer> counts = new EnumMap<>(Dependency.class);

        Recorder() {
            for (Dependency dependency : Dependency.values()) {
                counts.put(dependency, 0);
            }
        }

        private synchronized void count(Dependency dependency) {
            counts.merge(dependency, 1, Integer::sum);
        }

        OrderStore store(OrderStore inner) {
            return new OrderStore() {
                @Override
                public Optional<Order> findOrder(OrderId id) {
                    count(Dependency.STORE);
                    return inner.findOrder(id);
                }

                @Override
                public Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
                    count(Dependency.STORE);
                    return inner.findIdempotency(scope, now);
                }

                @Override
                public PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
                    count(Dependency.STORE);
                    return inner.place(record, accepted);
                }

                @Override
                public UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
                    count(Dependency.STORE);
                    return inner.update(change, dedupeId);
                }

                @Override
                public UpdateResult markProcessed(DedupeId dedupeId) {
                    count(Dependency.STORE);
                    return inner.markProcessed(dedupeId);
                }

                @Override
                public UpdateResult amend(Order order, DedupeId dedupeId) {
                    count(Dependency.STORE);
                    return inner.amend(order, dedupeId);
                }
            };
        }

        QueueSender queue() {
            return (body, attributes) -> {
                count(Dependency.QUEUE);
                return "m-" + counts.get(Dependency.QUEUE);
            };
        }

        Quarantine quarantine() {
            return item -> count(Dependency.QUEUE);
        }

        ReceiptObjects objects(ReceiptObjects inner) {
            return new ReceiptObjects() {
                @Override
                public Optional<Stored> download(String key, String etag, Path target) throws java.io.IOException {
                    count(Dependency.OBJECTS);
                    return inner.download(key, etag, target);
                }

                @Override
                public void put(String key, Path file, String contentType) throws java.io.IOException {
                    count(Dependency.OBJECTS);
                    inner.put(key, file, contentType);
                }

                @Override
                public void quarantine(String key, String etag, String quarantineKey, Map<String, String> metadata)
                        throws java.io.IOException {
                    count(Dependency.OBJECTS);
                    inner.quarantine(key, etag, quarantineKey, metadata);
                }
            };
        }

        Mailer mailer(Mailer inner) {
            return (Notification notification) -> {
                count(Dependency.MAILER);
                return inner.send(notification);
            };
        }
    }
}
