package dev.orders.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.aws.OrdersTable;
import dev.orders.functions.payments.WebhookSignature;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static final String ORDER = """
            {"items":[{"sku":"BOOK-1","quantity":2,"unitPrice":{"amount":"12.50","currency":"EUR"}}]}""";

    private Scenarios() {
    }

    static Optional<Scenario> of(String function) {
        return Optional.ofNullable(switch (function) {
            case "OrderApiFunction" -> ORDER_API;
            case "PaymentWebhookFunction" -> PAYMENT_WEBHOOK;
            case "PaymentEventsFunction" -> PAYMENT_EVENTS;
            case "FulfillmentEventsFunction" -> FULFILLMENT_EVENTS;
            case "NotificationsFunction" -> NOTIFICATIONS;
            case "OutboxPublisherFunction" -> OUTBOX_PUBLISHER;
            case "ReceiptsFunction" -> RECEIPTS;
            case "OrderApiPreTrafficHook", "OrderApiPostTrafficHook" -> TRAFFIC_HOOK;
            default -> null;
        });
    }

    /** API Gateway HTTP API, payload format 1.0, JWT claims in requestContext.authorizer.claims. */
    static String apiEvent(String method, String resource, String path, Map<String, String> pathParameters,
                           Map<String, String> headers, Map<String, String> claims, String body) {
        String headerJson = json(headers);
        String multiHeaders = headers.entrySet().stream().map(e -> quote(e.getKey()) + ":[" + quote(e.getValue()) + "]")
                .reduce((a, b) -> a + "," + b).map(s -> "{" + s + "}").orElse("{}");
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
                """.formatted(quote(resource), quote(path), quote(method), headerJson, multiHeaders,
                claims == null ? "null" : json(claims), quote(method), quote("/live" + path), quote(resource),
                pathParameters.isEmpty() ? "null" : json(pathParameters), body == null ? "null" : quote(body));
    }

    static final Scenario ORDER_API = new Scenario() {
        @Override
        public String event(Context context) {
            return apiEvent("POST", "/orders", "/orders", Map.of(),
                    Map.of("content-type", "application/json", "idempotency-key", "ric-" + context.function() + "-" + System.nanoTime()),
                    Map.of("sub", "ric-customer"), ORDER);
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("statusCode").asInt()).as("statusCode").isEqualTo(202);
            assertThat(answer.path("body").asText()).contains("\"status\":\"ACCEPTED\"");
            assertThat(context.aws().calls("dynamodb", "TransactWriteItems")).as("the order's transaction").isNotEmpty();
        }

        @Override
        public List<String> primingCalls() {
            return List.of("dynamodb.GetItem");
        }
    };

    static final Scenario PAYMENT_WEBHOOK = new Scenario() {
        private static final String CALLBACK = """
                {"id":"evt_ric_1","type":"payment.succeeded","created":1767268800,
                 "data":{"orderId":"ric-order-1","paymentId":"pay_ric_1","amount":"25.00","currency":"EUR"}}""";

        @Override
        public String event(Context context) {
            String signature = WebhookSignature.sign(context.variable("ORDERS_PAYMENT_SECRET"), Instant.now(),
                    CALLBACK.getBytes(StandardCharsets.UTF_8));
            return apiEvent("POST", "/payments/callbacks/{provider}", "/payments/callbacks/acmepay", Map.of("provider", "acmepay"),
                    Map.of("content-type", "application/json", "payment-signature", signature), null, CALLBACK);
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("statusCode").asInt()).as("statusCode").isEqualTo(202);
            assertThat(context.aws().calls("sqs", "SendMessage")).singleElement().satisfies(send -> {
                assertThat(send.request().path("QueueUrl").asText()).isEqualTo(context.variable("PAYMENT_EVENTS_QUEUE_URL"));
                assertThat(send.request().path("MessageBody").asText()).isEqualTo(CALLBACK);
            });
        }
    };

    static String sqsEvent(String queueArn, String messageId, String body) {
        return """
                {"Records":[{"messageId":%s,"receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a","body":%s,
                  "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1767268800000","SenderId":"AIDAIENQZJOLO23YVJ4VO",
                    "ApproximateFirstReceiveTimestamp":"1767268800001"},
                  "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
                  "eventSourceARN":%s,"awsRegion":"eu-west-1"}]}
                """.formatted(quote(messageId), quote(body), quote(queueArn));
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
            assertThat(answer.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("ric-message-1");
            assertThat(context.aws().calls("dynamodb", "GetItem")).as("the order was looked up").isNotEmpty();
        }

        @Override
        public List<String> primingCalls() {
            return List.of("dynamodb.GetItem");
        }
    };

    /** An undecodable record: quarantined with its reason, and the batch reported done. */
    static final Scenario FULFILLMENT_EVENTS = new Scenario() {
        @Override
        public String event(Context context) {
            String data = Base64.getEncoder().encodeToString("this is not a fulfillment record".getBytes(StandardCharsets.UTF_8));
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
            assertThat(context.aws().calls("sqs", "SendMessage")).singleElement().satisfies(send ->
                    assertThat(send.request().path("QueueUrl").asText()).isEqualTo(context.variable("QUARANTINE_QUEUE_URL")));
        }

        @Override
        public List<String> primingCalls() {
            return List.of("dynamodb.GetItem");
        }
    };

    /** An order event as the notifications rule delivers it: the EventBridge envelope in an SQS message. */
    static final Scenario NOTIFICATIONS = new Scenario() {
        @Override
        public String event(Context context) {
            String envelope = """
                    {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"OrderPaid","source":"orders",
                     "account":"123456789012","time":"2026-01-01T12:00:00Z","region":"eu-west-1","resources":[],
                     "detail":{"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","orderId":"ric-order-1","customerId":"ric-customer",
                       "status":"PAID","occurredAt":"2026-01-01T12:00:00Z","causeId":"evt_ric_1","total":{"amount":"25.00","currency":"EUR"}}}""";
            return sqsEvent(context.stack().getAtt("NotificationsQueue", "Arn", "scenario"), "ric-message-2", envelope);
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.has("batchItemFailures")).as("an SQS batch response").isTrue();
            assertThat(answer.path("batchItemFailures")).isEmpty();
            assertThat(context.aws().calls("sesv2", "SendEmail")).as("one message sent through SES v2").hasSize(1);
        }
    };

    /** A new outbox item on the table's stream: published to the bus, the batch reported done. */
    static final Scenario OUTBOX_PUBLISHER = new Scenario() {
        @Override
        public String event(Context context) {
            String detail = """
                    {"eventId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","orderId":"ric-order-1","customerId":"ric-customer",\
                    "status":"ACCEPTED","occurredAt":"2026-01-01T12:00:00Z","causeId":"ric-key","total":{"amount":"25.00","currency":"EUR"}}""";
            String image = "{" + String.join(",",
                    attribute(OrdersTable.PARTITION_KEY, "outbox#3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                    attribute(OrdersTable.KIND, OrdersTable.KIND_OUTBOX),
                    attribute(OrdersTable.OUTBOX_EVENT_ID, "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                    attribute(OrdersTable.OUTBOX_DETAIL_TYPE, "OrderAccepted"),
                    attribute(OrdersTable.OUTBOX_DETAIL, detail),
                    attribute(OrdersTable.OUTBOX_OCCURRED_AT, "2026-01-01T12:00:00Z")) + "}";
            return """
                    {"Records":[{"eventID":"c4ca4238a0b923820dcc509a6f75849b","eventName":"INSERT","eventVersion":"1.1",
                      "eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
                      "dynamodb":{"ApproximateCreationDateTime":1767268800,"Keys":{%s},"NewImage":%s,
                        "SequenceNumber":"4421584500000000017450439091","SizeBytes":512,"StreamViewType":"NEW_IMAGE"},
                      "eventSourceARN":%s}]}
                    """.formatted(attribute(OrdersTable.PARTITION_KEY, "outbox#3f2504e0-4f89-11d3-9a0c-0305e82c3301"), image,
                    quote(context.stack().getAtt("OrdersTable", "StreamArn", "scenario")));
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer.path("batchItemFailures")).isEmpty();
            assertThat(context.aws().calls("eventbridge", "PutEvents")).singleElement().satisfies(put -> {
                JsonNode entry = put.request().path("Entries").get(0);
                assertThat(entry.path("EventBusName").asText()).isEqualTo(context.variable("EVENT_BUS_NAME"));
                assertThat(entry.path("DetailType").asText()).isEqualTo("OrderAccepted");
                assertThat(entry.path("Source").asText()).isEqualTo("orders");
            });
        }

        @Override
        public List<String> primingCalls() {
            return List.of("eventbridge.DescribeEventBus");
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
                    """.formatted(quote(context.variable("RECEIPTS_BUCKET")), quote("arn:aws:s3:::" + context.variable("RECEIPTS_BUCKET")));
        }

        @Override
        public void expect(Context context, JsonNode answer) {
            assertThat(answer == null || answer.isNull() || answer.isMissingNode()).as("answer " + answer).isTrue();
            assertThat(context.aws().calls("s3", "GetObject")).singleElement().satisfies(get -> {
                assertThat(get.request().path("path").asText()).isEqualTo("/" + context.variable("RECEIPTS_BUCKET")
                        + "/receipts/ric-order-1/ric-receipt-1");
                assertThat(get.request().path("If-Match").asText()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
            });
        }

        @Override
        public List<String> primingCalls() {
            return List.of("s3.HeadObject");
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
            assertThat(context.aws().calls("lambda", "Invoke")).singleElement().satisfies(invoke ->
                    assertThat(invoke.request().path("FunctionName").asText()).isEqualTo(context.variable("SMOKE_TARGET_FUNCTION")));
            assertThat(context.aws().calls("codedeploy", "PutLifecycleEventHookExecutionStatus")).singleElement().satisfies(put -> {
                assertThat(put.request().path("deploymentId").asText()).isEqualTo("d-RIC123456");
                assertThat(put.request().path("status").asText()).isEqualTo("Succeeded");
            });
        }
    };

    private static String attribute(String name, String value) {
        return quote(name) + ":{\"S\":" + quote(value) + "}";
    }

    private static String json(Map<String, String> map) {
        return map.entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .reduce((a, b) -> a + "," + b).map(s -> "{" + s + "}").orElse("{}");
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
