package dev.orders.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.Order;
import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.AcceptingOrders.Outcome;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.placing.PlacingOrderPolicy.Verdict;
import dev.orders.domain.placing.ViewingOrders;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.receipts.ImageFormat;
import dev.orders.domain.receipts.ReceiptKey;
import dev.orders.domain.receipts.ReceiptPolicy;
import dev.orders.domain.validation.FieldError;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.OrderJson;
import dev.orders.functions.shared.Problem;
import dev.orders.functions.shared.ProxyRequest;
import dev.orders.functions.shared.UploadLinks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The routes of the order API and the mapping of each outcome to its status code (P1). */
final class OrderEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEndpoints.class);
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** An upload form is good for five minutes: long enough to pick a file, short enough to be worthless when leaked. */
    static final Duration UPLOAD_EXPIRY = Duration.ofMinutes(5);
    /** A thumbnail link lives as long as a page that shows it is likely to be open. */
    static final Duration THUMBNAIL_EXPIRY = Duration.ofMinutes(5);

    static final String UPLOAD_CONTENT_TYPES = "image/";

    private final AcceptingOrders accepting;
    private final ViewingOrders viewing;
    private final UploadLinks links;
    private final Supplier<String> newId;
    private final Metrics metrics;

    OrderEndpoints(OrderStore store, UploadLinks links, Clock clock, Supplier<String> newId, Metrics metrics) {
        this.accepting = new AcceptingOrders(store, clock, newId);
        this.viewing = new ViewingOrders(store);
        this.links = links;
        this.newId = newId;
        this.metrics = metrics;
    }

    APIGatewayProxyResponseEvent handle(ProxyRequest request) {
        boolean orders = request.resource().equals("/orders");
        boolean oneOrder = request.resource().equals("/orders/{orderId}");
        boolean receipts = request.resource().equals("/orders/{orderId}/receipts");
        if (!orders && !oneOrder && !receipts) {
            return Problem.of(404, "not-found", "Not found", "No such resource.");
        }
        Optional<CustomerId> caller =
                request.claim("sub").filter(CustomerId::isValid).map(CustomerId::new);
        if (caller.isEmpty()) {
            return rejected(
                    "unauthorized",
                    Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required."));
        }
        if (orders && request.method().equals("POST")) {
            return place(request, caller.get());
        }
        if (oneOrder && request.method().equals("GET")) {
            return view(request, caller.get());
        }
        if (receipts && request.method().equals("POST")) {
            return uploadForm(request, caller.get());
        }
        return Problem.of(
                405,
                "method-not-allowed",
                "Method not allowed",
                "This resource does not accept " + request.method() + ".",
                Map.of("Allow", oneOrder ? "GET" : "POST"));
    }

    private APIGatewayProxyResponseEvent place(ProxyRequest request, CustomerId caller) {
        if (!isJson(request.header("Content-Type"))) {
            return rejected(
                    "unsupported_media_type",
                    Problem.of(
                            415,
                            "unsupported-media-type",
                            "Unsupported media type",
                            "Send the order as application/json (UTF-8)."));
        }
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            return rejected(
                    "too_large",
                    Problem.of(
                            413,
                            "too-large",
                            "Content too large",
                            "An order request is at most " + MAX_BODY_BYTES + " bytes."));
        }
        Optional<String> rawKey = request.header("Idempotency-Key");
        Optional<IdempotencyKey> key = rawKey.flatMap(IdempotencyKey::parse);
        if (key.isEmpty()) {
            return rejected(
                    "idempotency_key",
                    Problem.of(
                            400,
                            "idempotency-key",
                            "Idempotency-Key is required",
                            rawKey.isEmpty()
                                    ? "Send an Idempotency-Key header to make the request safe to retry."
                                    : "The Idempotency-Key header must be 1 to 255 printable ASCII characters."));
        }
        OrderRequestReader.Read read = OrderRequestReader.read(body);
        Verdict verdict = PlacingOrderPolicy.check(read.draft(), caller, key.get());
        List<FieldError> errors = merge(read.errors(), verdict);
        if (!errors.isEmpty()) {
            return rejected("invalid", Problem.invalid(errors));
        }
        return switch (verdict) {
            case Verdict.NotTheCaller ignored ->
                rejected(
                        "forbidden",
                        Problem.of(403, "forbidden", "Forbidden", "customerId must be the authenticated customer."));
            case Verdict.Invalid invalid -> rejected("invalid", Problem.invalid(invalid.errors()));
            case Verdict.Valid valid ->
                answer(accepting.accept(valid.command()
                        .withContact(EmailAddress.verified(request.claim("email"), request.claim("email_verified")))));
        };
    }

    private APIGatewayProxyResponseEvent answer(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Accepted accepted -> {
                MDC.put("order_id", accepted.order().id().value());
                LOG.info("order accepted");
                metrics.count("OrdersAccepted");
                yield status(202, accepted.order());
            }
            case Outcome.Replayed replayed -> {
                MDC.put("order_id", replayed.order().id().value());
                LOG.info("idempotent replay");
                metrics.count("OrdersReplayed");
                yield status(200, replayed.order());
            }
            case Outcome.KeyReusedForAnotherPayload ignored ->
                rejected(
                        "payload_mismatch",
                        Problem.of(
                                422,
                                "idempotency-key-reused",
                                "Idempotency-Key reused",
                                "This Idempotency-Key was already used for a different request."));
            case Outcome.OrderIdTaken taken ->
                rejected(
                        "order_id_conflict",
                        Problem.of(
                                409,
                                "order-id-taken",
                                "Order id taken",
                                "Order " + taken.orderId().value() + " already exists."));
        };
    }

    private APIGatewayProxyResponseEvent view(ProxyRequest request, CustomerId caller) {
        String orderId = request.pathParameter("orderId").orElse("");
        return viewing.view(caller, orderId)
                .map(order -> json(
                        200,
                        withThumbnailLinks(OrderJson.toJson(order).without("version"))
                                .toString(),
                        Map.of()))
                .orElseGet(() -> Problem.of(404, "not-found", "Not found", "No such order."));
    }

    /** Each receipt's thumbnail as a short-lived presigned GET instead of its key: the bucket itself is private. */
    private ObjectNode withThumbnailLinks(ObjectNode order) {
        ArrayNode receipts = (ArrayNode) order.get("receipts");
        receipts.forEach(node -> {
            ObjectNode receipt = (ObjectNode) node;
            if (receipt.has("thumbnailKey")) {
                UploadLinks.Link link =
                        links.download(receipt.remove("thumbnailKey").asText(), THUMBNAIL_EXPIRY);
                receipt.putObject("thumbnail")
                        .put("url", link.url().toString())
                        .put("expiresAt", link.expiresAt().toString());
            }
        });
        return order;
    }

    /**
     * {@code POST /orders/{orderId}/receipts}: a presigned POST for one new receipt of the caller's order, bounded to
     * the exact key, 1 byte–10 MiB and an image content type. Another customer's order is the same 404 as none.
     */
    private APIGatewayProxyResponseEvent uploadForm(ProxyRequest request, CustomerId caller) {
        String orderId = request.pathParameter("orderId").orElse("");
        Optional<Order> order = viewing.view(caller, orderId);
        if (order.isEmpty()) {
            return Problem.of(404, "not-found", "Not found", "No such order.");
        }
        if (order.get().receipts().size() >= ReceiptPolicy.MAX_RECEIPTS) {
            return rejected(
                    "too_many_receipts",
                    Problem.of(
                            409,
                            "too-many-receipts",
                            "Too many receipts",
                            "An order holds at most " + ReceiptPolicy.MAX_RECEIPTS + " receipts."));
        }
        ReceiptKey key = new ReceiptKey(order.get().id(), newId.get());
        UploadLinks.UploadForm form = links.uploadForm(
                key.key(), ReceiptPolicy.MIN_BYTES, ReceiptPolicy.MAX_BYTES, UPLOAD_CONTENT_TYPES, UPLOAD_EXPIRY);
        ObjectNode body = Json.internal().createObjectNode();
        body.put("receiptId", key.receiptId());
        ObjectNode upload = body.putObject("upload");
        upload.put("method", "POST");
        upload.put("url", form.url().toString());
        ObjectNode fields = upload.putObject("fields");
        form.fields().forEach(fields::put);
        upload.put("fileField", "file");
        upload.put("expiresAt", form.expiresAt().toString());
        upload.put("maxBytes", ReceiptPolicy.MAX_BYTES);
        ArrayNode types = upload.putArray("contentTypes");
        for (ImageFormat format : ImageFormat.values()) {
            types.add(format.mediaType());
        }
        MDC.put("order_id", key.orderId().value());
        LOG.info("upload form issued for receipt {}", key.receiptId());
        metrics.count("ReceiptUploadsIssued");
        return json(
                201,
                body.toString(),
                Map.of("Location", "/orders/" + key.orderId().value()));
    }

    private static APIGatewayProxyResponseEvent status(int code, Order order) {
        String body = Json.internal()
                .createObjectNode()
                .put("orderId", order.id().value())
                .put("status", order.status().name())
                .toString();
        return json(code, body, Map.of("Location", "/orders/" + order.id().value()));
    }

    private static APIGatewayProxyResponseEvent json(int code, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(code)
                .withHeaders(all)
                .withBody(body);
    }

    private APIGatewayProxyResponseEvent rejected(String reason, APIGatewayProxyResponseEvent response) {
        LOG.info("request rejected: {}", reason);
        metrics.count("OrderRequestsRejected", reason);
        return response;
    }

    /** application/json, optionally with charset=utf-8; anything else is 415. */
    static boolean isJson(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String[] parts = contentType.get().toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param[0].equals("charset")
                    && (param.length < 2 || !param[1].replace("\"", "").equals("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Structural errors first; a rule error is dropped when the same field (or its parent) was
     * already reported as unreadable, so each field is named once.
     */
    private static List<FieldError> merge(List<FieldError> structural, Verdict verdict) {
        List<FieldError> all = new ArrayList<>(structural);
        if (verdict instanceof Verdict.Invalid invalid) {
            for (FieldError error : invalid.errors()) {
                boolean covered = structural.stream()
                        .anyMatch(s -> s.field().isEmpty()
                                || error.field().equals(s.field())
                                || error.field().startsWith(s.field() + "."));
                if (!covered) {
                    all.add(error);
                }
            }
        }
        return all;
    }
}
