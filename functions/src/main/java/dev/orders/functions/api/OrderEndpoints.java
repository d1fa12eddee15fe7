package dev.orders.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
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
import dev.orders.domain.validation.FieldError;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.OrderJson;
import dev.orders.functions.shared.Problem;
import dev.orders.functions.shared.ProxyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The routes of the order API and the mapping of each outcome to its status code (SPEC P1). */
final class OrderEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEndpoints.class);
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final AcceptingOrders accepting;
    private final ViewingOrders viewing;
    private final Metrics metrics;

    OrderEndpoints(OrderStore store, Clock clock, Supplier<String> newOrderId, Metrics metrics) {
        this.accepting = new AcceptingOrders(store, clock, newOrderId);
        this.viewing = new ViewingOrders(store);
        this.metrics = metrics;
    }

    APIGatewayProxyResponseEvent handle(ProxyRequest request) {
        boolean orders = request.resource().equals("/orders");
        boolean oneOrder = request.resource().equals("/orders/{orderId}");
        if (!orders && !oneOrder) {
            return Problem.of(404, "not-found", "Not found", "No such resource.");
        }
        Optional<CustomerId> caller = request.claim("sub").filter(CustomerId::isValid).map(CustomerId::new);
        if (caller.isEmpty()) {
            return rejected("unauthorized", Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required."));
        }
        if (orders && request.method().equals("POST")) {
            return place(request, caller.get());
        }
        if (oneOrder && request.method().equals("GET")) {
            return view(request, caller.get());
        }
        return Problem.of(405, "method-not-allowed", "Method not allowed", "This resource does not accept " + request.method() + ".",
                Map.of("Allow", orders ? "POST" : "GET"));
    }

    private APIGatewayProxyResponseEvent place(ProxyRequest request, CustomerId caller) {
        if (!isJson(request.header("Content-Type"))) {
            return rejected("unsupported_media_type", Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Send the order as application/json (UTF-8)."));
        }
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            return rejected("too_large", Problem.of(413, "too-large", "Content too large",
                    "An order request is at most " + MAX_BODY_BYTES + " bytes."));
        }
        Optional<String> rawKey = request.header("Idempotency-Key");
        Optional<IdempotencyKey> key = rawKey.flatMap(IdempotencyKey::parse);
        if (key.isEmpty()) {
            return rejected("idempotency_key", Problem.of(400, "idempotency-key", "Idempotency-Key is required",
                    rawKey.isEmpty() ? "Send an Idempotency-Key header to make the request safe to retry."
                            : "The Idempotency-Key header must be 1 to 255 printable ASCII characters."));
        }
        OrderRequestReader.Read read = OrderRequestReader.read(body);
        Verdict verdict = PlacingOrderPolicy.check(read.draft(), caller, key.get());
        List<FieldError> errors = merge(read.errors(), verdict);
        if (!errors.isEmpty()) {
            return rejected("invalid", Problem.invalid(errors));
        }
        return switch (verdict) {
            case Verdict.NotTheCaller ignored -> rejected("forbidden", Problem.of(403, "forbidden", "Forbidden",
                    "customerId must be the authenticated customer."));
            case Verdict.Invalid invalid -> rejected("invalid", Problem.invalid(invalid.errors()));
            case Verdict.Valid valid -> answer(accepting.accept(valid.command()
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
            case Outcome.KeyReusedForAnotherPayload ignored -> rejected("payload_mismatch", Problem.of(422, "idempotency-key-reused",
                    "Idempotency-Key reused", "This Idempotency-Key was already used for a different request."));
            case Outcome.OrderIdTaken taken -> rejected("order_id_conflict", Problem.of(409, "order-id-taken", "Order id taken",
                    "Order " + taken.orderId().value() + " already exists."));
        };
    }

    private APIGatewayProxyResponseEvent view(ProxyRequest request, CustomerId caller) {
        String orderId = request.pathParameter("orderId").orElse("");
        return viewing.view(caller, orderId)
                .map(order -> json(200, OrderJson.toJson(order).without("version").toString(), Map.of()))
                .orElseGet(() -> Problem.of(404, "not-found", "Not found", "No such order."));
    }

    private static APIGatewayProxyResponseEvent status(int code, Order order) {
        String body = Json.internal().createObjectNode()
                .put("orderId", order.id().value())
                .put("status", order.status().name())
                .toString();
        return json(code, body, Map.of("Location", "/orders/" + order.id().value()));
    }

    private static APIGatewayProxyResponseEvent json(int code, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new APIGatewayProxyResponseEvent().withStatusCode(code).withHeaders(all).withBody(body);
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
            if (param[0].equals("charset") && (param.length < 2 || !param[1].replace("\"", "").equals("utf-8"))) {
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
                boolean covered = structural.stream().anyMatch(s -> s.field().isEmpty()
                        || error.field().equals(s.field()) || error.field().startsWith(s.field() + "."));
                if (!covered) {
                    all.add(error);
                }
            }
        }
        return all;
    }
}
