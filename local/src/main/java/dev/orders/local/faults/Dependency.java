package dev.orders.local.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dependency a handler calls through a port, by the port's kind, with the errors its AWS adapter surfaces to the
 * handler once the SDK has given up: the service's throttle (DynamoDB's {@code ProvisionedThroughputExceededException},
 * SQS's {@code RequestThrottled}, SES's {@code TooManyRequestsException}, S3's {@code SlowDown}), its internal error,
 * and a connection that cannot be made (an {@code SdkClientException}). Locally the port's adapter is the runtime's,
 * so the fault throws what crosses a version's boundary: a JDK exception whose message starts with the AWS error code.
 */
public enum Dependency {
    STORE(
            "store",
            "orderStore",
            "DynamoDb",
            "dynamodb",
            "ProvisionedThroughputExceededException",
            400,
            "The level of configured provisioned throughput for the table was exceeded. "
                    + "Consider increasing your provisioning level with the UpdateTable API.",
            "InternalServerErrorException",
            500,
            "Internal server error"),
    QUEUE(
            "queue",
            "queue",
            "Sqs",
            "sqs",
            "RequestThrottled",
            400,
            "The request was denied due to request throttling.",
            "InternalError",
            500,
            "We encountered an internal error. Please try again."),
    QUARANTINE(
            "quarantine",
            "quarantine",
            "Sqs",
            "sqs",
            "RequestThrottled",
            400,
            "The request was denied due to request throttling.",
            "InternalError",
            500,
            "We encountered an internal error. Please try again."),
    MAILER(
            "mailer",
            "mailer",
            "SesV2",
            "email",
            "TooManyRequestsException",
            429,
            "Maximum sending rate exceeded.",
            "InternalServiceErrorException",
            500,
            "Internal service error"),
    OBJECTS(
            "objects",
            "objects",
            "S3",
            "s3",
            "SlowDown",
            503,
            "Please reduce your request rate.",
            "InternalError",
            500,
            "We encountered an internal error. Please try again."),
    /**
     * EventBridge, as the outbox relay calls it ({@code PutEvents}): no handler does, so the fault acts on the relay,
     * which retries until the bus takes the event (nothing is lost; events arrive late).
     */
    BUS(
            "bus",
            "bus",
            "EventBridge",
            "events",
            "ThrottlingException",
            400,
            "Rate exceeded.",
            "InternalException",
            500,
            "Internal service error."),
    /**
     * Kinesis, as the event source mapping reads it ({@code GetRecords}): the mapping waits and reads again, the
     * records stay in the shard and the iterator age grows.
     */
    STREAM(
            "stream",
            "stream",
            "Kinesis",
            "kinesis",
            "ProvisionedThroughputExceededException",
            400,
            "Rate exceeded for shard.",
            "InternalFailure",
            500,
            "Internal service error."),
    /** Presigning a POST is a computation in the SDK (no call to S3): latency and errors only, no service throttle. */
    LINKS(
            "links",
            "links",
            "S3",
            "s3",
            null,
            0,
            null,
            "InternalError",
            500,
            "We encountered an internal error. Please try again.");

    private final String label;
    private final String portKind;
    private final String service;
    private final String endpoint;
    private final String throttleCode;
    private final int throttleStatus;
    private final String throttleMessage;
    private final String errorCode;
    private final int errorStatus;
    private final String errorMessage;

    Dependency(
            String label,
            String portKind,
            String service,
            String endpoint,
            String throttleCode,
            int throttleStatus,
            String throttleMessage,
            String errorCode,
            int errorStatus,
            String errorMessage) {
        this.label = label;
        this.portKind = portKind;
        this.service = service;
        this.endpoint = endpoint;
        this.throttleCode = throttleCode;
        this.throttleStatus = throttleStatus;
        this.throttleMessage = throttleMessage;
        this.errorCode = errorCode;
        this.errorStatus = errorStatus;
        this.errorMessage = errorMessage;
    }

    public String label() {
        return label;
    }

    /** The port kind of the function wiring ({@code orderStore}, {@code queue}, …). */
    public String portKind() {
        return portKind;
    }

    public boolean throttles() {
        return throttleCode != null;
    }

    /** {@code store} or its port kind {@code orderStore}, …, {@code bus}, {@code stream}. */
    public static Dependency parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FaultRequestException("dependency is missing: one of " + names());
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Dependency d : values()) {
            if (d.label.equals(t) || d.portKind.toLowerCase(Locale.ROOT).equals(t)) {
                return d;
            }
        }
        throw new FaultRequestException("unknown dependency '" + text + "': one of " + names());
    }

    /** The dependency a handler's port of {@code kind} calls (never the bus or the stream: no handler calls them). */
    static Optional<Dependency> ofPortKind(String kind) {
        return Arrays.stream(values())
                .filter(d -> !d.platformSide() && d.portKind.equals(kind))
                .findFirst();
    }

    /** Called by the platform (the outbox relay, the stream's mapping), not by a handler through a port. */
    boolean platformSide() {
        return this == BUS || this == STREAM;
    }

    static String names() {
        return Arrays.stream(values()).map(Dependency::label).collect(Collectors.joining(", "));
    }

    /** What the handler sees when the service throttles (the SDK's message form: code, message, service, status). */
    RuntimeException throttled(String requestId) {
        return sdkError(throttleCode, throttleMessage, throttleStatus, requestId);
    }

    RuntimeException failed(String requestId) {
        return sdkError(errorCode, errorMessage, errorStatus, requestId);
    }

    /** After the SDK's retries against an endpoint that does not answer: a client exception, no status. */
    RuntimeException unavailable() {
        return new IllegalStateException("SdkClientException: Unable to execute HTTP request: Connect to " + endpoint
                + ".us-east-1.amazonaws.com:443 failed: Connection refused (injected fault: " + label
                + " unavailable)");
    }

    private RuntimeException sdkError(String code, String message, int status, String requestId) {
        return new IllegalStateException(code + ": " + message + " (Service: " + service + ", Status Code: " + status
                + ", Request ID: " + requestId + ") (injected fault)");
    }
}
