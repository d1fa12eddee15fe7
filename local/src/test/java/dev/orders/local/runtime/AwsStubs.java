package dev.orders.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The AWS services a function of the template calls, for one execution environment: SQS (the stack's queues
 * only), EventBridge, Lambda {@code Invoke} and CodeDeploy answered here in their real JSON protocols (as recorded
 * in the SDK's service models), DynamoDB forwarded to dynalite, SES v2 forwarded to aws-ses-v2-local, and Lambda's
 * container-credentials endpoint (SnapStart's way of handing out the role's credentials). Every call is recorded
 * with its time and the status it was answered with, so a test can ask what the function sent, when (priming calls
 * come before the checkpoint) and whether it was accepted.
 */
final class AwsStubs implements AutoCloseable {

    static final String CREDENTIALS_PATH = "/2018-06-01/credentials";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "content-length", "connection", "expect", "transfer-encoding");

    /**
     * One request a function made: the service, its operation, the JSON it sent, when it arrived and the HTTP
     * status it was answered with.
     */
    record Call(String service, String operation, JsonNode request, Instant at, int status) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** {@code service.Operation}, and the queue, table or bus it named, if any. */
        String describe() {
            String target = request.path("QueueUrl")
                    .asText(request.path("TableName")
                            .asText(request.path("Name").asText("")));
            return service + "." + operation + (target.isEmpty() ? "" : " " + target);
        }
    }

    /** Where the emulators behind the stubs answer, and the stack's queues (their URLs, as {@code Ref} gives them). */
    record Backends(URI dynamoDb, URI sesV2, Set<String> queueUrls) {}

    /** The SES v2 operations the functions call, by method and path (SES v2 is a REST protocol). */
    private static final Map<String, String> SES_OPERATIONS = Map.of(
            "POST /v2/email/outbound-emails", "SendEmail",
            "GET /v2/email/account", "GetAccount");

    private final HttpServer server;
    private final Backends backends;
    private final String credentialsToken;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpClient forward =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile String invokeAnswer = "{\"statusCode\":404,\"body\":\"{}\"}";

    private AwsStubs(HttpServer server, Backends backends, String credentialsToken) {
        this.server = server;
        this.backends = backends;
        this.credentialsToken = credentialsToken;
    }

    static AwsStubs start(Backends backends) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
            AwsStubs stubs = new AwsStubs(server, backends, UUID.randomUUID().toString());
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", stubs::exchange);
            server.start();
            return stubs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String credentialsToken() {
        return credentialsToken;
    }

    /** What Lambda {@code Invoke} returns as the invoked function's payload. */
    void answerInvokeWith(String payload) {
        this.invokeAnswer = payload;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String service, String operation) {
        return calls.stream()
                .filter(c -> c.service().equals(service) && c.operation().equals(operation))
                .toList();
    }

    /** Every message aws-ses-v2-local holds (its {@code GET /store}), as it lists them. */
    List<JsonNode> sentEmails() {
        try {
            HttpResponse<byte[]> store = forward.send(
                    HttpRequest.newBuilder(backends.sesV2().resolve("/store")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            List<JsonNode> emails = new ArrayList<>();
            JSON.readTree(store.body()).path("emails").forEach(emails::add);
            return emails;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each call is recorded before it is answered: once the function has its answer (and so once it has answered
     * its invocation), the test sees the call.
     */
    private void exchange(HttpExchange exchange) {
        Instant at = Instant.now();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String operation = target.substring(target.indexOf('.') + 1);
            String sesOperation = SES_OPERATIONS.get(exchange.getRequestMethod() + " " + path);
            JsonNode request = parse(body);
            Answer answer;
            if (path.equals(CREDENTIALS_PATH)) {
                answer = record("credentials", "GetCredentials", request, at, credentials(exchange));
            } else if (target.startsWith("DynamoDB_20120810.")) {
                answer = record(
                        "dynamodb",
                        operation,
                        request,
                        at,
                        forward(exchange, body, backends.dynamoDb().resolve("/")));
            } else if (target.startsWith("AmazonSQS.")) {
                answer = record("sqs", operation, request, at, sqs(operation, request));
            } else if (target.startsWith("AWSEvents.")) {
                answer = record("eventbridge", operation, request, at, eventBridge(operation, request));
            } else if (target.startsWith("CodeDeploy_20141006.")) {
                answer = record(
                        "codedeploy",
                        operation,
                        request,
                        at,
                        Answer.json(
                                200,
                                "application/x-amz-json-1.1",
                                JSON.createObjectNode()
                                        .put(
                                                "lifecycleEventHookExecutionId",
                                                request.path("lifecycleEventHookExecutionId")
                                                        .asText())));
            } else if (path.startsWith("/2015-03-31/functions/") && path.endsWith("/invocations")) {
                String function = URLDecoder.decode(
                        path.substring("/2015-03-31/functions/".length(), path.length() - "/invocations".length()),
                        StandardCharsets.UTF_8);
                ObjectNode invoke = JSON.createObjectNode()
                        .put("FunctionName", function)
                        .put("Payload", new String(body, StandardCharsets.UTF_8));
                answer = record(
                        "lambda",
                        "Invoke",
                        invoke,
                        at,
                        new Answer(
                                200,
                                "application/json",
                                invokeAnswer.getBytes(StandardCharsets.UTF_8),
                                Map.of("X-Amz-Executed-Version", "1")));
            } else if (String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                    .contains("/s3/aws4_request")) {
                answer = s3(exchange, path, at);
            } else if (sesOperation != null) {
                answer = record(
                        "sesv2",
                        sesOperation,
                        request,
                        at,
                        forward(exchange, body, backends.sesV2().resolve(path)));
            } else {
                answer = record(
                        "unknown",
                        exchange.getRequestMethod() + " " + path + " " + target,
                        request,
                        at,
                        Answer.json(
                                400,
                                "application/x-amz-json-1.1",
                                JSON.createObjectNode()
                                        .put("__type", "UnknownOperationException")
                                        .put("message", "not stubbed: " + path + " " + target)));
            }
            answer.send(exchange);
        } catch (IOException e) {
            // the function went away mid-call
        }
    }

    /**
     * S3, path-style (the functions address an endpoint override so): every object is absent. HeadObject and GetObject
     * answer 404 ({@code NoSuchKey}), as S3 answers for a key that is gone; the call's path and If-Match are recorded.
     */
    private Answer s3(HttpExchange exchange, String path, Instant at) {
        String method = exchange.getRequestMethod();
        String operation = switch (method) {
            case "HEAD" -> "HeadObject";
            case "GET" -> "GetObject";
            case "PUT" -> exchange.getRequestHeaders().containsKey("x-amz-copy-source") ? "CopyObject" : "PutObject";
            case "DELETE" -> "DeleteObject";
            default -> method;
        };
        ObjectNode request = JSON.createObjectNode().put("path", URLDecoder.decode(path, StandardCharsets.UTF_8));
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (ifMatch != null) {
            request.put("If-Match", ifMatch);
        }
        byte[] noSuchKey = method.equals("HEAD")
                ? new byte[0]
                : ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                                + "<Message>The specified key does not exist.</Message><RequestId>RUNTIMECLIENTIT1</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
        return record(
                "s3",
                operation,
                request,
                at,
                new Answer(404, "application/xml", noSuchKey, Map.of("x-amz-request-id", "RUNTIMECLIENTIT1")));
    }

    /** What a call is answered: status, content type, body and any header the service adds. */
    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Answer json(int status, String contentType, JsonNode body) {
            return json(status, contentType, body, Map.of());
        }

        static Answer json(int status, String contentType, JsonNode body, Map<String, String> headers) {
            try {
                return new Answer(status, contentType, JSON.writeValueAsBytes(body), headers);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(HttpExchange exchange) throws IOException {
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders()
                    .add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private Answer record(String service, String operation, JsonNode request, Instant at, Answer answer) {
        calls.add(new Call(service, operation, request, at, answer.status()));
        return answer;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("raw", new String(body, StandardCharsets.UTF_8));
        }
    }

    /** SnapStart functions get the role's credentials from this endpoint, never from environment variables. */
    private Answer credentials(HttpExchange exchange) {
        if (!credentialsToken.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Answer.json(
                    403, "application/json", JSON.createObjectNode().put("message", "wrong authorization token"));
        }
        return Answer.json(
                200,
                "application/json",
                JSON.createObjectNode()
                        .put("AccessKeyId", "ASIARUNTIMECLIENTIT")
                        .put("SecretAccessKey", "runtime-client-it-secret")
                        .put("Token", "runtime-client-it-session")
                        .put("Expiration", Instant.now().plusSeconds(3600).toString()));
    }

    /** The request as it came (method, body, the signed headers) to an emulator, and the emulator's answer. */
    private Answer forward(HttpExchange exchange, byte[] body, URI to) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(to)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body(),
                    Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.json(500, "application/json", JSON.createObjectNode().put("__type", "InternalFailure"));
        }
    }

    /**
     * SQS's JSON protocol, for the stack's queues: {@code SendMessage} (the SDK checks the MD5 digests of what it
     * sent, so they are computed as SQS does) and {@code GetQueueAttributes} of {@code QueueArn} (what priming asks
     * for). A queue the stack does not have is answered as SQS answers it.
     */
    private Answer sqs(String operation, JsonNode request) {
        String queueUrl = request.path("QueueUrl").asText();
        if (!backends.queueUrls().contains(queueUrl)) {
            return Answer.json(
                    400,
                    "application/x-amz-json-1.0",
                    JSON.createObjectNode()
                            .put("__type", "com.amazonaws.sqs#QueueDoesNotExist")
                            .put("message", "The specified queue does not exist."),
                    Map.of("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"));
        }
        if (operation.equals("SendMessage")) {
            ObjectNode answer = JSON.createObjectNode()
                    .put("MessageId", UUID.randomUUID().toString())
                    .put(
                            "MD5OfMessageBody",
                            md5Hex(request.path("MessageBody").asText().getBytes(StandardCharsets.UTF_8)));
            if (request.path("MessageAttributes").size() > 0) {
                answer.put("MD5OfMessageAttributes", attributesMd5(request.path("MessageAttributes")));
            }
            return Answer.json(200, "application/x-amz-json-1.0", answer);
        }
        JsonNode names = request.path("AttributeNames");
        if (operation.equals("GetQueueAttributes")
                && names.size() == 1
                && names.get(0).asText().equals("QueueArn")) {
            String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
            return Answer.json(
                    200,
                    "application/x-amz-json-1.0",
                    JSON.createObjectNode()
                            .set(
                                    "Attributes",
                                    JSON.createObjectNode()
                                            .put(
                                                    "QueueArn",
                                                    "arn:aws:sqs:" + DeployedStack.REGION + ":" + DeployedStack.ACCOUNT
                                                            + ":" + name)));
        }
        return Answer.json(
                400,
                "application/x-amz-json-1.0",
                JSON.createObjectNode()
                        .put("__type", "com.amazonaws.sqs#UnsupportedOperation")
                        .put("message", operation + " " + request + " is not stubbed"));
    }

    private static Answer eventBridge(String operation, JsonNode request) {
        return switch (operation) {
            case "DescribeEventBus" ->
                Answer.json(
                        200,
                        "application/x-amz-json-1.1",
                        JSON.createObjectNode()
                                .put("Name", request.path("Name").asText())
                                .put(
                                        "Arn",
                                        "arn:aws:events:eu-west-1:123456789012:event-bus/"
                                                + request.path("Name").asText()));
            case "PutEvents" -> {
                ObjectNode answer = JSON.createObjectNode().put("FailedEntryCount", 0);
                request.path("Entries")
                        .forEach(entry -> answer.withArray("Entries")
                                .addObject()
                                .put("EventId", UUID.randomUUID().toString()));
                yield Answer.json(200, "application/x-amz-json-1.1", answer);
            }
            default ->
                Answer.json(
                        400,
                        "application/x-amz-json-1.1",
                        JSON.createObjectNode()
                                .put("__type", "UnknownOperationException")
                                .put("message", operation + " is not stubbed"));
        };
    }

    /** SQS's digest of message attributes: name, type, transport byte and value, length-prefixed, names sorted. */
    static String attributesMd5(JsonNode attributes) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        attributes.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        List<byte[]> parts = new ArrayList<>();
        sorted.forEach((name, value) -> {
            parts.add(lengthPrefixed(name.getBytes(StandardCharsets.UTF_8)));
            parts.add(lengthPrefixed(value.path("DataType").asText().getBytes(StandardCharsets.UTF_8)));
            if (value.has("StringValue")) {
                parts.add(new byte[] {1});
                parts.add(lengthPrefixed(value.path("StringValue").asText().getBytes(StandardCharsets.UTF_8)));
            } else {
                parts.add(new byte[] {2});
                try {
                    parts.add(lengthPrefixed(value.path("BinaryValue").binaryValue()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        int size = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(all::put);
        return md5Hex(all.array());
    }

    private static byte[] lengthPrefixed(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length)
                .putInt(bytes.length)
                .put(bytes)
                .array();
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
