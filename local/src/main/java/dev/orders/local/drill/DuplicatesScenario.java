package dev.orders.local.drill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.paths.NotificationsPath;
import dev.orders.local.paths.OrderApiPath;
import dev.orders.local.paths.PaymentsPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production test's first question, path by path: the same event arrives again. Sent by the drill as a client
 * would (the API request replayed with its Idempotency-Key, the provider's webhook resent, the Kinesis record put
 * again) and made by the platform through delivery faults (the API's client retry, the bus delivering twice, an SQS
 * message back after its visibility timeout). Expected: one effect per distinct event, one event on the bus, one mail.
 */
final class DuplicatesScenario {

    static final String NAME = "duplicates";
    static final String STREAM = "fulfillment-events";
    private static final Duration SETTLE = Duration.ofSeconds(20);

    /** {@code copies}: how many times each event is sent beyond the first; {@code sqsVisibility}: wait for the redelivery (empty: skip). */
    record Settings(int copies, java.util.Optional<Duration> sqsRedeliveryWait) {}

    private final DrillClient client;
    private final Settings settings;

    DuplicatesScenario(DrillClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    Outcome run() {
        Outcome outcome = new Outcome(
                NAME,
                "every path receives each event " + (settings.copies() + 1) + " times; effects applied = 1 "
                        + "per distinct event, events published = 1, mails = 1");
        Instant started = Instant.now();
        List<String> faultIds = new ArrayList<>();
        outcome.figure("copiesPerEvent", settings.copies() + 1);

        // API replay: the same Idempotency-Key and body, again and again.
        String key = DrillClient.newId("drill-replay");
        List<Integer> statuses = new ArrayList<>();
        String orderId = null;
        boolean sameOrder = true;
        for (int i = 0; i <= settings.copies(); i++) {
            DrillClient.Reply reply = client.placeOrder(key);
            statuses.add(reply.status());
            String id = reply.json().path("orderId").asText(null);
            if (orderId == null) {
                orderId = id;
            } else {
                sameOrder &= orderId.equals(id);
            }
        }
        awaitOutbox();
        boolean firstAccepted = !statuses.isEmpty() && statuses.getFirst() == 202;
        boolean restOk = statuses.stream().skip(1).allMatch(s -> s == 200);
        outcome.check(
                "API replay: answers",
                "202 then 200 with the same orderId",
                statuses + (sameOrder ? ", one orderId" : ", orderIds differ"),
                firstAccepted && restOk && sameOrder && orderId != null);
        // Counted by cause (the key), not by the first answer's order: a replay applied again makes another order.
        long accepted = client.eventsCausedBy("OrderAccepted", key);
        outcome.check("API replay: OrderAccepted events", "1", accepted, accepted == 1);
        outcome.figure("apiReplay", Map.of("statuses", statuses, "orderAcceptedEvents", accepted));
        if (orderId == null) {
            return outcome;
        }

        // API client retry, by the platform: the same request delivered to OrderApi twice.
        String retried = fault(outcome, faultIds, delivery("api", OrderApiPath.FUNCTION));
        String key2 = DrillClient.newId("drill-retry");
        DrillClient.Reply retriedReply = client.placeOrder(key2);
        removeFault(retried, faultIds);
        awaitOutbox();
        String orderId2 = retriedReply.json().path("orderId").asText("");
        long accepted2 = client.eventsCausedBy("OrderAccepted", key2);
        outcome.check(
                "API client retry (delivery fault): answer",
                "202 or 200 (the retry's answer)",
                retriedReply.status(),
                retriedReply.status() == 202 || retriedReply.status() == 200);
        outcome.check("API client retry: OrderAccepted events", "1", accepted2, accepted2 == 1);
        outcome.figure("apiClientRetry", Map.of("status", retriedReply.status(), "orderAcceptedEvents", accepted2));

        // Webhook resend: the provider sends the same event id again.
        String paymentEvent = DrillClient.newId("evt-drill");
        List<Integer> callbackStatuses = new ArrayList<>();
        for (int i = 0; i <= settings.copies(); i++) {
            callbackStatuses.add(client.pay(orderId, paymentEvent).status());
        }
        String finalOrderId = orderId;
        boolean paid = Waits.until(
                SETTLE,
                () -> status(finalOrderId).equals("PAID")
                        || status(finalOrderId).equals("PICKED"));
        awaitQueueEmpty(PaymentsPath.EVENTS);
        awaitOutbox();
        long paidEvents = client.events("OrderPaid", orderId);
        outcome.check(
                "webhook resend: callbacks acknowledged",
                "every one 2xx",
                callbackStatuses,
                callbackStatuses.stream().allMatch(s -> s / 100 == 2));
        outcome.check(
                "webhook resend: order PAID, OrderPaid events",
                "PAID, 1",
                (paid ? "PAID" : status(orderId)) + ", " + paidEvents,
                paid && paidEvents == 1);

        // Kinesis: the same fulfillment record put again (a producer's retry: new sequence number, same eventId).
        String pickEvent = DrillClient.newId("ful-drill");
        List<Integer> putStatuses = new ArrayList<>();
        for (int i = 0; i <= settings.copies(); i++) {
            putStatuses.add(
                    client.putFulfillment(STREAM, orderId, pickEvent, "PICKED").status());
        }
        boolean picked = Waits.until(SETTLE, () -> status(finalOrderId).equals("PICKED"));
        awaitOutbox();
        Waits.pause(1000); // the later copies are read after the first: give the shard one more poll to show it ignores
        // them
        awaitOutbox();
        long pickedEvents = client.events("OrderPicked", orderId);
        outcome.check(
                "Kinesis record put again: puts",
                "every one 200",
                putStatuses,
                putStatuses.stream().allMatch(s -> s == 200));
        outcome.check(
                "Kinesis record put again: order PICKED, OrderPicked events",
                "PICKED, 1",
                (picked ? "PICKED" : status(orderId)) + ", " + pickedEvents,
                picked && pickedEvents == 1);
        outcome.figure("webhookResend", Map.of("statuses", callbackStatuses, "orderPaidEvents", paidEvents));
        outcome.figure("kinesisPutAgain", Map.of("statuses", putStatuses, "orderPickedEvents", pickedEvents));

        // Bus redelivery: every OrderPaid delivered to the notifications queue twice; one mail per (order, event type).
        String bus = fault(outcome, faultIds, delivery("bus", null));
        String orderId3 = client.placeOrder(DrillClient.newId("drill-bus"))
                .json()
                .path("orderId")
                .asText("");
        client.pay(orderId3, DrillClient.newId("evt-drill"));
        boolean mailed = Waits.until(SETTLE, () -> client.mails(orderId3, "OrderPaid") >= 1);
        awaitOutbox();
        Waits.until(
                SETTLE,
                () -> client.local("health")
                                .at("/components/bus/pendingDeliveries")
                                .asLong()
                        == 0);
        awaitQueueEmpty(NotificationsPath.FUNCTION);
        removeFault(bus, faultIds);
        long mails3 = client.mails(orderId3, "OrderPaid");
        long busApplied = applied(outcome, bus);
        outcome.check(
                "bus redelivery (delivery fault): deliveries duplicated", "at least 1", busApplied, busApplied >= 1);
        outcome.check("bus redelivery: OrderPaid mails", "1", mails3, mailed && mails3 == 1);
        outcome.figure("busRedelivery", Map.of("deliveriesDuplicated", busApplied, "orderPaidMails", mails3));
        awaitQueueEmpty(NotificationsPath.FUNCTION);
        long mails1 = client.mails(orderId, "OrderPaid");
        outcome.check("webhook resend: OrderPaid mails", "1", mails1, mails1 == 1);

        // SQS redelivery: a handled payment message is not deleted; it comes back after the visibility timeout.
        if (settings.sqsRedeliveryWait().isPresent()) {
            String sqs = fault(outcome, faultIds, delivery("sqs", PaymentsPath.EVENTS));
            String orderId4 = client.placeOrder(DrillClient.newId("drill-sqs"))
                    .json()
                    .path("orderId")
                    .asText("");
            client.pay(orderId4, DrillClient.newId("evt-drill"));
            boolean paid4 = Waits.until(SETTLE, () -> status(orderId4).equals("PAID"));
            Waits.until(SETTLE, () -> appliedQuietly(sqs) >= 1);
            boolean redelivered = Waits.until(
                    settings.sqsRedeliveryWait().get(), () -> client.queueBacklog(PaymentsPath.EVENTS) == 0);
            removeFault(sqs, faultIds);
            awaitOutbox();
            long paid4Events = client.events("OrderPaid", orderId4);
            outcome.check(
                    "SQS redelivery (delivery fault): message back after its visibility timeout and handled",
                    "queue empty again",
                    redelivered ? "empty" : "still " + client.queueBacklog(PaymentsPath.EVENTS) + " message(s)",
                    redelivered);
            outcome.check(
                    "SQS redelivery: order PAID, OrderPaid events",
                    "PAID, 1",
                    status(orderId4) + ", " + paid4Events,
                    paid4 && paid4Events == 1);
        } else {
            outcome.notes.add(
                    "SQS redelivery after the visibility timeout was skipped in this configuration (the payment queue's "
                            + "visibility timeout is 120 s); the full configuration runs it.");
        }
        faultIds.forEach(client::removeFault);

        Instant ended = Instant.now();
        outcome.figure("seconds", Duration.between(started, ended).toMillis() / 1000.0);
        outcome.figure("orders", List.of(orderId, orderId2, orderId3));
        return outcome;
    }

    private String status(String orderId) {
        return client.order(orderId).json().path("status").asText("");
    }

    private void awaitOutbox() {
        Waits.until(SETTLE, () -> client.outboxUnpublished() == 0);
    }

    private void awaitQueueEmpty(String function) {
        Waits.until(SETTLE, () -> client.queueBacklog(function) == 0);
    }

    private static ObjectNode delivery(String path, String function) {
        ObjectNode fault = Json.internal()
                .createObjectNode()
                .put("target", "delivery")
                .put("path", path)
                .put("effect", "duplicate");
        if (function != null) {
            fault.putObject("scope").put("function", function);
        }
        return fault;
    }

    private String fault(Outcome outcome, List<String> ids, ObjectNode request) {
        DrillClient.Reply reply = client.addFault(request);
        if (reply.status() != 201) {
            throw new IllegalStateException(
                    "the platform refused the drill's fault " + request + ": " + reply.status() + " " + reply.body());
        }
        String id = reply.json().path("id").asText();
        ids.add(id);
        Map<String, Object> listed = new LinkedHashMap<>();
        listed.put("id", id);
        listed.put("description", reply.json().path("description").asText());
        @SuppressWarnings("unchecked")
        List<Object> faults = (List<Object>) outcome.figures.computeIfAbsent("faults", k -> new ArrayList<>());
        faults.add(listed);
        return id;
    }

    private long applied(Outcome outcome, String id) {
        long applied = appliedQuietly(id);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> faults = (List<Map<String, Object>>) outcome.figures.get("faults");
        faults.stream().filter(f -> f.get("id").equals(id)).forEach(f -> f.put("applied", applied));
        return applied;
    }

    /** How often a fault acted: from the list while it is on, from its removal's answer after. */
    private long appliedQuietly(String id) {
        for (var fault : client.local("faults").path("faults")) {
            if (fault.path("id").asText().equals(id)) {
                return fault.path("applied").asLong();
            }
        }
        return lastApplied.getOrDefault(id, 0L);
    }

    private final Map<String, Long> lastApplied = new LinkedHashMap<>();

    private void removeFault(String id, List<String> ids) {
        DrillClient.Reply reply = client.removeFault(id);
        if (reply.status() == 200) {
            lastApplied.put(id, reply.json().path("applied").asLong());
        }
        ids.remove(id);
    }
}
