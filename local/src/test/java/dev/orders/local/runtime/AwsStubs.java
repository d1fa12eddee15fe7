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
 * The AWS services a function of the template calls, for one execution environment: SQS, EventBridge, Lambda
 * {@code Invoke}, CodeDeploy and SES v2 answered here in their real JSON protocols (as recorded in the SDK's
 * service models), DynamoDB forwarded to dynalite, and Lambda's container-credentials endpoint (SnapStart's way of
 * handing out the role's credentials). Every call is recorded with its time, so a test can ask what the function
 * sent and when (priming calls come before the checkpoint).
 */
final class AwsStubs implements AutoCloseable {

    static final String CREDENTIALS_PATH = "/2018-06-01/credentials";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "transfer-encoding");

    /** One request a function made: the service, its operation and the JSON it sent. */
    record Call(String service, String operation, JsonNode request, Instant at) {
    }

    private final HttpServer server;
    private final URI dynamoDb;
    private final String credentialsToken;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpClient forward = HttpClient.newHttpClient();
    private volatile String invokeAnswer = "{\"statusCode\":404,\"body\":\"{}\"}";

    private AwsStubs(HttpServer server, URI dynamoDb, String credentialsToken) {
        this.server = server;
        this.dynamoDb = dynamoDb;
        this.credentialsToken = credentialsToken;
    }

    static AwsStubs start(URI dynamoDb) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
            AwsStubs stubs = new AwsStubs(server, dynamoDb, UUID.randomUUID().toString());
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
        return calls.stream().filter(c -> c.service().equals(service) && c.operation().equals(operation)).toList();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (path.equals(CREDENTIALS_PATH)) {
                credentials(exchange);
            } else if (target.startsWith("DynamoDB_20120810.")) {
                record("dynamodb", target.substring(target.indexOf('.') + 1), body);
                forwardToDynalite(exchange, body);
            } else if (target.startsWith("AmazonSQS.")) {
                sqs(exchange, target.substring(target.indexOf('.') + 1), body);
            } else if (target.startsWith("AWSEvents.")) {
                eventBridge(exchange, target.substring(target.indexOf('.') + 1), body);
            } else if (target.startsWith("CodeDeploy_20141006.")) {
                JsonNode request = record("codedeploy", target.substring(target.indexOf('.') + 1), body);
                reply(exchange, 200, "application/x-amz-json-1.1",
                        JSON.createObjectNode().put("lifecycleEventHookExecutionId", request.path("lifecycleEventHookExecutionId").asText()));
            } else if (path.startsWith("/2015-03-31/functions/") && path.endsWith("/invocations")) {
                String function = URLDecoder.decode(path.substring("/2015-03-31/functions/".length(), path.length() - "/invocations".length()),
                        StandardCharsets.UTF_8);
                ObjectNode request = JSON.createObjectNode().put("FunctionName", function).put("Payload", new String(body, StandardCharsets.UTF_8));
                calls.add(new Call("lambda", "Invoke", request, Instant.now()));
                exchange.getResponseHeaders().add("X-Amz-Executed-Version", "1");
                reply(exchange, 200, "application/json", invokeAnswer.getBytes(StandardCharsets.UTF_8));
            } else if (String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).contains("/s3/aws4_request")) {
                s3(exchange, path);
            } else if (path.equals("/v2/email/outbound-emails") && exchange.getRequestMethod().equals("POST")) {
                record("sesv2", "SendEmail", body);
                reply(exchange, 200, "application/json", JSON.createObjectNode().put("MessageId", UUID.randomUUID().toString()));
            } else {
                record("unknown", exchange.getRequestMethod() + " " + path + " " + target, body);
                reply(exchange, 400, "application/x-amz-json-1.1", JSON.createObjectNode()
                        .put("__type", "UnknownOperationException").put("message", "not stubbed: " + path + " " + target));
            }
        } catch (IOException e) {
            // the function went away mid-call
        }
    }

    /**
     * S3, path-style (the functions address an endpoint override so): every object is absent. HeadObject and GetObject
     * answer 404 ({@code NoSuchKey}), as S3 answers for a key that is gone; the call's path and If-Match are recorded.
     */
    private void s3(HttpExchange exchange, String path) throws IOException {
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
        calls.add(new Call("s3", operation, request, Instant.now()));
        exchange.getResponseHeaders().add("x-amz-request-id", "RUNTIMECLIENTIT1");
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            reply(exchange, 404, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                    + "<Message>The specified key does not exist.</Message><RequestId>RUNTIMECLIENTIT1</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonNode record(String service, String operation, byte[] body) {
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            request = JSON.createObjectNode().put("raw", new String(body, StandardCharsets.UTF_8));
        }
        calls.add(new Call(service, operation, request, Instant.now()));
        return request;
    }

    /** SnapStart functions get the role's credentials from this endpoint, never from environment variables. */
    private void credentials(HttpExchange exchange) throws IOException {
        if (!credentialsToken.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 403, "application/json", JSON.createObjectNode().put("message", "wrong authorization token"));
            return;
        }
        calls.add(new Call("credentials", "GetCredentials", JSON.createObjectNode(), Instant.now()));
        reply(exchange, 200, "application/json", JSON.createObjectNode().put("AccessKeyId", "ASIARUNTIMECLIENTIT")
                .put("SecretAccessKey", "runtime-client-it-secret").put("Token", "runtime-client-it-session")
                .put("Expiration", Instant.now().plusSeconds(3600).toString()));
    }

    private void forwardToDynalite(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(dynamoDb.resolve("/")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            reply(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 500, "application/x-amz-json-1.0", JSON.createObjectNode().put("__type", "InternalFailure"));
        }
    }

    /** SQS's JSON protocol; the SDK checks the MD5 digests of what it sent, so they are computed as SQS does. */
    private void sqs(HttpExchange exchange, String operation, byte[] body) throws IOException {
        JsonNode request = record("sqs", operation, body);
        if (!operation.equals("SendMessage")) {
            reply(exchange, 400, "application/x-amz-json-1.0", JSON.createObjectNode()
                    .put("__type", "com.amazonaws.sqs#UnsupportedOperation").put("message", operation + " is not stubbed"));
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("MessageId", UUID.randomUUID().toString())
                .put("MD5OfMessageBody", md5Hex(request.path("MessageBody").asText().getBytes(StandardCharsets.UTF_8)));
        if (request.path("MessageAttributes").size() > 0) {
            answer.put("MD5OfMessageAttributes", attributesMd5(request.path("MessageAttributes")));
        }
        reply(exchange, 200, "application/x-amz-json-1.0", answer);
    }

    private void eventBridge(HttpExchange exchange, String operation, byte[] body) throws IOException {
        JsonNode request = record("eventbridge", operation, body);
        switch (operation) {
            case "DescribeEventBus" -> reply(exchange, 200, "application/x-amz-json-1.1", JSON.createObjectNode()
                    .put("Name", request.path("Name").asText()).put("Arn", "arn:aws:events:eu-west-1:123456789012:event-bus/" + request.path("Name").asText()));
            case "PutEvents" -> {
                ObjectNode answer = JSON.createObjectNode().put("FailedEntryCount", 0);
                request.path("Entries").forEach(entry -> answer.withArray("Entries").addObject().put("EventId", UUID.randomUUID().toString()));
                reply(exchange, 200, "application/x-amz-json-1.1", answer);
            }
            default -> reply(exchange, 400, "application/x-amz-json-1.1", JSON.createObjectNode()
                    .put("__type", "UnknownOperationException").put("message", operation + " is not stubbed"));
        }
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
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, JsonNode body) throws IOException {
        reply(exchange, status, contentType, JSON.writeValueAsBytes(body));
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
