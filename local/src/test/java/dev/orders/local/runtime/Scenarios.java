package dev.orders.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderEventType;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.aws.DynamoDbNotificationClaims;
import dev.orders.functions.aws.DynamoDbOrderStore;
import dev.orders.functions.aws.NotificationClaims;
import dev.orders.functions.aws.OrdersTable;
import dev.orders.functions.aws.SesMailer;
import dev.orders.functions.fulfillment.FulfillmentHold;
import dev.orders.functions.payments.WebhookSignature;
import dev.orders.functions.shared.OrderJson;
import dev.orders.local.JsonStrings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One scenario per function of the template, keyed by logical id. Events are written as the AWS service sends
 * them (the shapes of the Lambda developer guide's sample events); a function of the template without a scenario
 * here fails the runtime-client test, so a new function cannot go untested.
 */
final class Scenarios {

    /** The secrets the stack's dynamic references resolve to ("secret-name:json-key" → value). */
    static final Map<String, String> SECRETS = Map.of(
            "orders/payments/acmepay:current", "whsec-runtime-client-it-current",
            "orders/payments/acmepay:previous", "whsec-runtime-client-it-previous");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CustomerId CUSTOMER = new CustomerId("ric-customer");
    /** Priming of the order store: one consistent read of the orders table. */
    private static final String PRIME_ORDERS_TABLE = "dynamodb.GetItem " + OrdersTable.TABLE_NAME_VARIABLE;

    private static final String ORDER = """
            {"items":[{"sku":"BOOK-1","quantity":2,"unitPrice":{"amount":"12.50","currency":"EUR"}}]}""";

    private Scenarios() {}

    static Optional<Scenario> of(String function) {
        return Optional.ofNullable(
                switch (function) {
                    case "OrderApiFunction" -> ORDER_API;
                    case "PaymentWebhookFunction" -> PAYMENT_WEBHOOK;
                    case "PaymentEventsFunction" -> PAYMENT_EVENTS;
                    case "FulfillmentEventsFunction" -> FULFILLMENT_EVENTS;
                    case "FulfillmentHoldFunction" -> FULFILLMENT_HOLD;
                    case "NotificationsFunction" -> NOTIFICATIONS;
                    case "OutboxPublisherFunction" -> OUTBOX_PUBLISHER;
                    case "ReceiptsFunction" -> RECEIPTS;
                    case "OrderApiPreTrafficHook", "OrderApiPostTrafficHook" -> TRAFFIC_HOOK;
                    default -> null;
                });
    }

    /** API Gateway HTTP API, payload format 1.0, JWT claims in requestContext.authorizer.claims. */
    static String apiEvent(
            String method,
            String resource,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> headers,
            Map<String, String> claims,
            String body) {
        String headerJson = json(headers);
        String multiHeaders = headers.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":[" + quote(e.getValue()) + "]")
                .reduce((a, b) -> a + "," + b)
                .map(s -> "{" + s + "}")
                .orElse("{}");
        return """
                {"version":"1.0","resource":%s,"path":%s,"httpMethod":%s,"headers":%s,"multiValueHeaders":%s,
                 "queryStringParameters":null,"multiValueQueryStringParameters":null,
                 "requestContext":{"accountId":"123456789012","apiId":"a1b2c3d4e5","authorizer":{"claims":%s,"scopes":null},
                   "domainName":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com","domainPrefix":"a1b2c3d4e5",
                   "extendedRequestId":"ric-ext-1","httpMethod":%s,
                   "identity":{"accessKey":null,"accountId":null,"caller":null,"cognitoAuthenticationProvider":null,
                     "cognitoAuthenticationType":null,"cognitoIdentityId":null,"cognitoIdentityPoolId":null,"principalOrgId":null,
                     "sourceIp":"203.0.113.7","user":null,"userAgent":"runtime-client-it","userArn":null},
                   "path":%s,"protocol":"HTTP/1.1","requestId":"ric-request-1","requestTime":"01/Jan/2026:12:00:00 +0000",
                   "requestTimeEpoch":1767268800000,"resourceId":null,"resourcePath":%s,"stage":"live"},
                 "pathParameters":%s,"stageVariables":null,"body":%s,"isBase64Encoded":false}
                """.formatted(
                        quote(resource),
                        quote(path),
                        quote(method),
                        headerJson,
                        multiHeaders,
                        claims == null ? "null" : json(claims),
                        quote(method),
                        quote("/live" + path),
                        quote(resource),
                        pathParameters.isEmpty() ? "null" : json(pathParameters),
                        body == null ? "null" : quote(body));
    }

    static final Scenario ORDER_API = new Scenario() {
        @Override
        public String event(Context context) {
            return apiEvent(
                    "POST",
                    "/orders",
                    "/orders",
                    Map.of(),
                    Map.of(
                            "content-type",
                            "application/json",
                            "idempotency-key",
                            "ric-" + context.function() + "-" + System.nanoTime()),
                    Map.of("sub", "ric-customer"),
                    ORDER);
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("statusCode").asInt()).as("statusCode").isEqualTo(202);
            assertThat(answer.path("body").asText()).contains("\"status\":\"ACCEPTED\"");
            assertThat(context.aws().calls("dynamodb", "TransactWriteItems"))
                    .as("the order's transaction")
                    .isNotEmpty();
        }

        @Override
        public List<String> primingCalls() {
            return List.of(PRIME_ORDERS_TABLE);
        }
    };

    static final Scenario PAYMENT_WEBHOOK = new Scenario() {
        private static final String CALLBACK = """
                {"id":"evt_ric_1","type":"payment.succeeded","created":1767268800,
                 "data":{"orderId":"ric-order-1","paymentId":"pay_ric_1","amount":"25.00","currency":"EUR"}}""";

        @Override
        public String event(Context context) {
            String signature = WebhookSignature.sign(
                    context.variable("ORDERS_PAYMENT_SECRET"),
                    Instant.now(),
                    CALLBACK.getBytes(StandardCharsets.UTF_8));
            return apiEvent(
                    "POST",
                    "/payments/callbacks/{provider}",
                    "/payments/callbacks/acmepay",
                    Map.of("provider", "acmepay"),
                    Map.of("content-type", "application/json", "payment-signature", signature),
                    null,
                    CALLBACK);
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("statusCode").asInt()).as("statusCode").isEqualTo(202);
            assertThat(context.aws().calls("sqs", "SendMessage"))
                    .singleElement()
                    .satisfies(send -> {
                        assertThat(send.request().path("QueueUrl").asText())
                                .isEqualTo(context.variable("PAYMENT_EVENTS_QUEUE_URL"));
                        assertThat(send.request().path("MessageBody").asText()).isEqualTo(CALLBACK);
                    });
        }

        @Override
        public List<String> primingCalls() {
            return List.of("sqs.GetQueueAttributes PAYMENT_EVENTS_QUEUE_URL");
        }
    };

    /** One SQS message: its id, body and string message attributes. */
    record SqsMessage(String messageId, String body, Map<String, String> attributes) {}

    /**
     * SQS messages as Lambda's event source mapping hands them to a function, with the digests SQS computes for the
     * body and the message attributes.
     */
    static String sqsEvent(String queueArn, List<SqsMessage> messages) {
        return messages.stream()
                .map(message -> {
                    ObjectNode attributes = JSON.createObjectNode();
                    ObjectNode asSent = JSON.createObjectNode();
                    message.attributes().forEach((name, value) -> {
                        attributes
                                .putObject(name)
                                .put("stringValue", value)
                                .put("dataType", "String")
                                .<ObjectNode>set("stringListValues", JSON.createArrayNode())
                                .set("binaryListValues", JSON.createArrayNode());
                        asSent.putObject(name).put("DataType", "String").put("StringValue", value);
                    });
                    String attributesMd5 = message.attributes().isEmpty()
                            ? ""
                            : "\"md5OfMessageAttributes\":" + quote(AwsStubs.attributesMd5(asSent)) + ",";
                    return """
                    {"messageId":%s,"receiptHandle":%s,"body":%s,
                      "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1767268800000","SenderId":"AIDAIENQZJOLO23YVJ4VO",
                        "ApproximateFirstReceiveTimestamp":"1767268800001"},
                      "messageAttributes":%s,"md5OfBody":%s,%s"eventSource":"aws:sqs",
                      "eventSourceARN":%s,"awsRegion":%s}""".formatted(
                            quote(message.messageId()),
                            quote("AQEB"
                                    + Base64.getEncoder()
                                            .encodeToString(message.messageId().getBytes(StandardCharsets.UTF_8))),
                            quote(message.body()),
                            attributes,
                            quote(AwsStubs.md5Hex(message.body().getBytes(StandardCharsets.UTF_8))),
                            attributesMd5,
                            quote(queueArn),
                            quote(DeployedStack.REGION));
                })
                .collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    static String sqsEvent(String queueArn, String messageId, String body) {
        return sqsEvent(queueArn, List.of(new SqsMessage(messageId, body, Map.of())));
    }

    /** A payment for an order that is not in the table yet: the message is reported failed, so SQS retries it alone. */
    static final Scenario PAYMENT_EVENTS = new Scenario() {
        @Override
        public String event(Context context) {
            return sqsEvent(context.stack().getAtt("PaymentEventsQueue", "Arn", "scenario"), "ric-message-1", """
                    {"id":"evt_ric_2","type":"payment.succeeded","created":1767268800,
                     "data":{"orderId":"ric-no-such-order","paymentId":"pay_ric_2","amount":"25.00","currency":"EUR"}}""");
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("batchItemFailures")).hasSize(1);
            assertThat(answer.path("batchItemFailures")
                            .get(0)
                            .path("itemIdentifier")
                            .asText())
                    .isEqualTo("ric-message-1");
            assertThat(context.aws().calls("dynamodb", "GetItem"))
                    .as("the order was looked up")
                    .isNotEmpty();
        }

        @Override
        public List<String> primingCalls() {
            return List.of(PRIME_ORDERS_TABLE, "sqs.GetQueueAttributes PAYMENT_EVENTS_DLQ_URL");
        }
    };

    /** An undecodable record: quarantined with its reason, and the batch reported done. */
    static final Scenario FULFILLMENT_EVENTS = new Scenario() {
        @Override
        public String event(Context context) {
            String data = Base64.getEncoder()
                    .encodeToString("this is not a fulfillment record".getBytes(StandardCharsets.UTF_8));
            return """
                    {"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"ric-order-1",
                       "sequenceNumber":"49590338271490256608559692538361571095921575989136588898","data":%s,
                       "approximateArrivalTimestamp":1767268800.123},
                      "eventSource":"aws:kinesis","eventVersion":"1.0",
                      "eventID":"shardId-000000000000:49590338271490256608559692538361571095921575989136588898",
                      "eventName":"aws:kinesis:record","invokeIdentityArn":"arn:aws:iam::123456789012:role/fulfillment",
                      "awsRegion":"eu-west-1","eventSourceARN":%s}]}
                    """.formatted(quote(data), quote(context.stack().getAtt("FulfillmentStream", "Arn", "scenario")));
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("batchItemFailures")).isEmpty();
            assertThat(context.aws().calls("sqs", "SendMessage"))
                    .singleElement()
                    .satisfies(
                            send -> assertThat(send.request().path("QueueUrl").asText())
                                    .isEqualTo(context.variable("QUARANTINE_QUEUE_URL")));
        }

        @Override
        public List<String> primingCalls() {
            return List.of(
                    PRIME_ORDERS_TABLE,
                    "sqs.GetQueueAttributes QUARANTINE_QUEUE_URL",
                    "sqs.GetQueueAttributes FULFILLMENT_HOLD_QUEUE_URL");
        }
    };

    /**
     * An order paid, announced as the notifications rule delivers it (the EventBridge envelope in an SQS message):
     * the order, with the customer's verified address, is in the table; one message goes through SES (aws-ses-v2-local)
     * from the stack's sender to that address, and the notification's claim is marked sent, so a redelivery sends
     * nothing.
     */
    static final Scenario NOTIFICATIONS = new Scenario() {
        /** What each run seeded: the event announced and the address it must go to. */
        private final Map<String, Announced> seeded = new ConcurrentHashMap<>();

        record Announced(OrderEvent event, EmailAddress contact) {}

        @Override
        public String event(Context context) {
            EmailAddress contact = new EmailAddress("customer-" + context.run() + "@example.com");
            Instant placed = Instant.now().minus(Duration.ofMinutes(5));
            DynamoDbOrderStore store = context.orders();
            Order order = place(store, new OrderId("ric-" + context.run() + "-notified"), Optional.of(contact), placed);
            OrderEvent paid = pay(store, order, "evt_" + context.run(), placed.plusSeconds(30))
                    .event();
            seeded.put(context.run(), new Announced(paid, contact));
            return sqsEvent(
                    context.stack().getAtt("NotificationsQueue", "Arn", "scenario"),
                    "ric-message-2",
                    busEnvelope(paid));
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            Announced announced = seeded.remove(context.run());
            String sender = context.variable(SesMailer.SENDER_VARIABLE);
            String subject =
                    "Payment received for order " + announced.event().orderId().value();
            assertThat(answer.has("batchItemFailures"))
                    .as("an SQS batch response")
                    .isTrue();
            assertThat(answer.path("batchItemFailures")).isEmpty();
            assertThat(context.aws().calls("sesv2", "SendEmail"))
                    .as("SES v2 SendEmail")
                    .singleElement()
                    .satisfies(send -> {
                        assertThat(send.accepted()).as("accepted by SES").isTrue();
                        assertThat(send.request().path("FromEmailAddress").asText())
                                .isEqualTo(sender);
                        assertThat(send.request().at("/Destination/ToAddresses"))
                                .extracting(JsonNode::asText)
                                .containsExactly(announced.contact().value());
                        assertThat(send.request()
                                        .at("/Content/Simple/Subject/Data")
                                        .asText())
                                .isEqualTo(subject);
                    });
            assertThat(context.aws().sentEmails())
                    .filteredOn(email -> email.at("/destination/to")
                            .toString()
                            .contains(announced.contact().value()))
                    .as("messages SES holds for the order's address")
                    .singleElement()
                    .satisfies(email -> {
                        assertThat(email.path("from").asText()).isEqualTo(sender);
                        assertThat(email.path("subject").asText()).isEqualTo(subject);
                    });
            assertThat(context.aws().calls("sqs", "SendMessage"))
                    .as("nothing to the DLQ")
                    .isEmpty();
            assertThat(new DynamoDbNotificationClaims(
                                    context.tables(),
                                    context.variable(OrdersTable.TABLE_NAME_VARIABLE),
                                    Clock.systemUTC())
                            .claim(announced.event().eventId()))
                    .as("the notification's claim")
                    .isEqualTo(NotificationClaims.Claim.ALREADY_SENT);
        }

        @Override
        public List<String> primingCalls() {
            return List.of(PRIME_ORDERS_TABLE, "sqs.GetQueueAttributes NOTIFICATIONS_DLQ_URL", "sesv2.GetAccount");
        }
    };

    /**
     * Three records on the hold queue in one batch, each as FulfillmentEvents holds it ({@link FulfillmentHold} writes
     * the message): one whose order has been paid since (applied: the order is SHIPPED, the message done), one whose
     * order is still unpaid half-way through the payment wait (reported failed, so SQS hands it back after the
     * visibility timeout, the retry interval), and one whose order is still unpaid after the whole wait (quarantined
     * with reason order-not-paid, the message done).
     */
    static final Scenario FULFILLMENT_HOLD = new Scenario() {
        private final Map<String, List<Held>> seeded = new ConcurrentHashMap<>();

        /** One held record: its order, its message id on the hold queue and the record's bytes as the warehouse sent them. */
        record Held(OrderId orderId, String messageId, String record) {}

        @Override
        public String event(Context context) {
            Duration wait = Duration.ofSeconds(Long.parseLong(context.variable(AwsWiring.PAYMENT_WAIT_SECONDS)));
            Instant now = Instant.now();
            DynamoDbOrderStore store = context.orders();
            List<SqsMessage> messages = new ArrayList<>();
            List<Held> held = new ArrayList<>();
            for (String which : List.of("paid", "waiting", "expired")) {
                OrderId orderId = new OrderId("ric-" + context.run() + "-" + which);
                Instant heldSince = switch (which) {
                    case "paid" -> now.minus(Duration.ofMinutes(2));
                    case "waiting" -> now.minus(wait.dividedBy(2));
                    default -> now.minus(wait).minus(Duration.ofMinutes(1));
                };
                Order order = place(store, orderId, Optional.empty(), heldSince.minus(Duration.ofMinutes(1)));
                if (which.equals("paid")) {
                    pay(store, order, "evt_" + context.run(), now.minus(Duration.ofMinutes(1)));
                }
                String record = """
                        {"eventId":"w-%s-%s","orderId":"%s","type":"SHIPPED","occurredAt":"%s","warehouseId":"W1"}""".formatted(context.run(), which, orderId.value(), heldSince.minusSeconds(5));
                String messageId = "ric-held-" + which;
                new FulfillmentHold((body, attributes) -> {
                            messages.add(new SqsMessage(messageId, body, attributes));
                            return messageId;
                        })
                        .hold(record.getBytes(StandardCharsets.UTF_8), orderId, heldSince);
                held.add(new Held(orderId, messageId, record));
            }
            seeded.put(context.run(), held);
            return sqsEvent(context.stack().getAtt("FulfillmentHoldQueue", "Arn", "scenario"), messages);
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            List<Held> held = seeded.remove(context.run());
            Held paid = held.get(0);
            Held waiting = held.get(1);
            Held expired = held.get(2);
            DynamoDbOrderStore store = context.orders();
            assertThat(answer.path("batchItemFailures"))
                    .extracting(failure -> failure.path("itemIdentifier").asText())
                    .as("only the record still within its wait comes back")
                    .containsExactly(waiting.messageId());
            assertThat(store.findOrder(paid.orderId()))
                    .get()
                    .extracting(Order::status)
                    .as("the paid order")
                    .isEqualTo(OrderStatus.SHIPPED);
            assertThat(store.findOrder(waiting.orderId()))
                    .get()
                    .extracting(Order::status)
                    .as("the unpaid order")
                    .isEqualTo(OrderStatus.ACCEPTED);
            assertThat(store.findOrder(expired.orderId()))
                    .get()
                    .extracting(Order::status)
                    .as("the order never paid")
                    .isEqualTo(OrderStatus.ACCEPTED);
            assertThat(context.aws().calls("sqs", "SendMessage"))
                    .as("quarantined")
                    .singleElement()
                    .satisfies(send -> {
                        assertThat(send.accepted()).isTrue();
                        assertThat(send.request().path("QueueUrl").asText())
                                .isEqualTo(context.variable(AwsWiring.QUARANTINE_QUEUE_URL));
                        assertThat(send.request()
                                        .at("/MessageAttributes/reason/StringValue")
                                        .asText())
                                .startsWith("order-not-paid: order "
                                        + expired.orderId().value());
                        assertThat(send.request()
                                        .at("/MessageAttributes/itemId/StringValue")
                                        .asText())
                                .isEqualTo(expired.messageId());
                        assertThat(send.request()
                                        .at("/MessageAttributes/source/StringValue")
                                        .asText())
                                .isEqualTo("fulfillment-hold");
                        assertThat(Base64.getDecoder()
                                        .decode(send.request()
                                                .path("MessageBody")
                                                .asText()))
                                .asString(StandardCharsets.UTF_8)
                                .isEqualTo(expired.record());
                    });
        }

        @Override
        public List<String> primingCalls() {
            return List.of(PRIME_ORDERS_TABLE, "sqs.GetQueueAttributes QUARANTINE_QUEUE_URL");
        }
    };

    /** The event as the bus delivers it to an SQS target: EventBridge's envelope around the detail the outbox publishes. */
    private static String busEnvelope(OrderEvent event) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", event.detailType())
                .put("source", OrderEventType.SOURCE)
                .put("account", DeployedStack.ACCOUNT)
                .put("time", event.occurredAt().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", DeployedStack.REGION);
        envelope.putArray("resources");
        envelope.set("detail", OrderJson.detail(event));
        return envelope.toString();
    }

    /** An order ACCEPTED in the table, written as the order API writes it (the store's own transaction). */
    private static Order place(DynamoDbOrderStore store, OrderId id, Optional<EmailAddress> contact, Instant at) {
        Order.Change accepted = Order.accept(
                id,
                CUSTOMER,
                contact,
                List.of(new LineItem("BOOK-1", 2, new Money(new BigDecimal("12.50"), Currency.getInstance("EUR")))),
                "ric-key-" + id.value(),
                at);
        IdempotencyRecord key = new IdempotencyRecord(
                new IdempotencyScope(CUSTOMER, new IdempotencyKey("ric-key-" + id.value())),
                "ric-fingerprint",
                id,
                at,
                at.plus(IdempotencyRecord.TTL));
        OrderStore.PlaceResult placed = store.place(key, accepted);
        if (placed != OrderStore.PlaceResult.PLACED) {
            throw new IllegalStateException("could not seed order " + id.value() + ": " + placed);
        }
        return accepted.order();
    }

    /** The order PAID, as the payment events function records a successful payment. */
    private static Order.Change pay(DynamoDbOrderStore store, Order order, String paymentEventId, Instant at) {
        if (!(order.advance(OrderStatus.PAID, paymentEventId, at) instanceof Order.Change paid)) {
            throw new IllegalStateException("order " + order.id().value() + " cannot be paid from " + order.status());
        }
        OrderStore.UpdateResult updated = store.update(paid, Optional.of(DedupeId.payment(paymentEventId)));
        if (updated != OrderStore.UpdateResult.UPDATED) {
            throw new IllegalStateException(
                    "could not seed the payment of " + order.id().value() + ": " + updated);
        }
        return paid;
    }

    /** A new outbox item on the table's stream: published to the bus, the batch reported done. */
    static final Scenario OUTBOX_PUBLISHER = new Scenario() {
        @Override
        public String event(Context context) {
            String detail = """
                    {"eventId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","orderId":"ric-order-1","customerId":"ric-customer",\
                    "status":"ACCEPTED","occurredAt":"2026-01-01T12:00:00Z","causeId":"ric-key","total":{"amount":"25.00","currency":"EUR"}}""";
            String image = "{"
                    + String.join(
                            ",",
                            attribute(OrdersTable.PARTITION_KEY, "outbox#3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                            attribute(OrdersTable.KIND, OrdersTable.KIND_OUTBOX),
                            attribute(OrdersTable.OUTBOX_EVENT_ID, "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                            attribute(OrdersTable.OUTBOX_DETAIL_TYPE, "OrderAccepted"),
                            attribute(OrdersTable.OUTBOX_DETAIL, detail),
                            attribute(OrdersTable.OUTBOX_OCCURRED_AT, "2026-01-01T12:00:00Z"))
                    + "}";
            return """
                    {"Records":[{"eventID":"c4ca4238a0b923820dcc509a6f75849b","eventName":"INSERT","eventVersion":"1.1",
                      "eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
                      "dynamodb":{"ApproximateCreationDateTime":1767268800,"Keys":{%s},"NewImage":%s,
                        "SequenceNumber":"4421584500000000017450439091","SizeBytes":512,"StreamViewType":"NEW_IMAGE"},
                      "eventSourceARN":%s}]}
                    """.formatted(
                            attribute(OrdersTable.PARTITION_KEY, "outbox#3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                            image,
                            quote(context.stack().getAtt("OrdersTable", "StreamArn", "scenario")));
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("batchItemFailures")).isEmpty();
            assertThat(context.aws().calls("eventbridge", "PutEvents"))
                    .singleElement()
                    .satisfies(put -> {
                        JsonNode entry = put.request().path("Entries").get(0);
                        assertThat(entry.path("EventBusName").asText()).isEqualTo(context.variable("EVENT_BUS_NAME"));
                        assertThat(entry.path("DetailType").asText()).isEqualTo("OrderAccepted");
                        assertThat(entry.path("Source").asText()).isEqualTo("orders");
                    });
        }

        @Override
        public List<String> primingCalls() {
            return List.of("eventbridge.DescribeEventBus EVENT_BUS_NAME");
        }
    };

    /**
     * S3's object-created notification (event message structure 2.1) for an upload that was replaced before the function
     * ran: the function looks for its order, asks S3 for exactly that version (If-Match on the event's ETag), is told it
     * is gone (the stub answers 404) and finishes without a receipt. Proves the wiring (bucket, table, /tmp size) and the
     * runtime's own deserialization of {@code S3Event}.
     */
    static final Scenario RECEIPTS = new Scenario() {
        @Override
        public String event(Context context) {
            return """
                    {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1","eventTime":"2026-01-01T12:00:00.000Z",
                      "eventName":"ObjectCreated:Post","userIdentity":{"principalId":"AWS:AROAEXAMPLE:customer"},
                      "requestParameters":{"sourceIPAddress":"203.0.113.7"},
                      "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S"},
                      "s3":{"s3SchemaVersion":"1.0","configurationId":"ReceiptUploads",
                        "bucket":{"name":%s,"ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":%s},
                        "object":{"key":"receipts/ric-order-1/ric-receipt-1","size":48213,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                          "sequencer":"0055AED6DCD90281E5"}}}]}
                    """.formatted(
                            quote(context.variable("RECEIPTS_BUCKET")),
                            quote("arn:aws:s3:::" + context.variable("RECEIPTS_BUCKET")));
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer == null || answer.isNull() || answer.isMissingNode())
                    .as("answer " + answer)
                    .isTrue();
            assertThat(context.aws().calls("s3", "GetObject")).singleElement().satisfies(get -> {
                assertThat(get.request().path("path").asText())
                        .isEqualTo("/" + context.variable("RECEIPTS_BUCKET") + "/receipts/ric-order-1/ric-receipt-1");
                assertThat(get.request().path("If-Match").asText()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
            });
        }

        @Override
        public List<String> primingCalls() {
            return List.of(PRIME_ORDERS_TABLE, "s3.HeadObject");
        }
    };

    /**
     * CodeDeploy's lifecycle hook event: the hook invokes the version or alias its SMOKE_TARGET_FUNCTION names
     * (answered with the 404 the smoke check expects), reports Succeeded to CodeDeploy, and returns the status.
     */
    static final Scenario TRAFFIC_HOOK = new Scenario() {
        @Override
        public String event(Context context) {
            context.aws().answerInvokeWith("""
                    {"statusCode":404,"headers":{"Content-Type":"application/problem+json"},"body":"{\\"status\\":404}","isBase64Encoded":false}""");
            return """
                    {"DeploymentId":"d-RIC123456","LifecycleEventHookExecutionId":"eyJlbmNyeXB0ZWREYXRhIjoicnVudGltZS1jbGllbnQtaXQifQ=="}""";
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.asText()).isEqualTo("Succeeded");
            assertThat(context.aws().calls("lambda", "Invoke"))
                    .singleElement()
                    .satisfies(invoke -> assertThat(
                                    invoke.request().path("FunctionName").asText())
                            .isEqualTo(context.variable("SMOKE_TARGET_FUNCTION")));
            assertThat(context.aws().calls("codedeploy", "PutLifecycleEventHookExecutionStatus"))
                    .singleElement()
                    .satisfies(put -> {
                        assertThat(put.request().path("deploymentId").asText()).isEqualTo("d-RIC123456");
                        assertThat(put.request().path("status").asText()).isEqualTo("Succeeded");
                    });
        }
    };

    private static String attribute(String name, String value) {
        return quote(name) + ":{\"S\":" + quote(value) + "}";
    }

    private static String json(Map<String, String> map) {
        return map.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .reduce((a, b) -> a + "," + b)
                .map(s -> "{" + s + "}")
                .orElse("{}");
    }

    /** A JSON string literal. */
    static String quote(String text) {
        return JsonStrings.quoted(text);
    }
}
