package dev.orders.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.bridge.wire.MailerWire;
import dev.orders.bridge.wire.StoreWire;
import dev.orders.domain.port.Mailer;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.shared.Json;
import dev.orders.local.lambda.PortCall;
import dev.orders.local.lambda.PortInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A mutation of the system under test, for the drill's own tests only: idempotency switched off at the ports, where
 * DynamoDB's conditional writes and the mailer's per-notification id keep it. The handlers and the domain run
 * unchanged; what they are told is what a store and a mailer without idempotency would tell them:
 * <ul>
 *   <li>an Idempotency-Key is never found ({@code findIdempotency} answers no record), and placing never finds it taken
 *       (the record is written under a key of its own);
 *   <li>a message's dedupe mark is dropped from the write ({@code update}) or written under an id of its own
 *       ({@code markProcessed}, {@code amend}), so no message is ever recognised as applied before;
 *   <li>every send is a new message (the notification's id made unique).
 * </ul>
 * The rewritten calls are served by the platform's own store and mailbox, after the platform's injected faults
 * ({@code next}), so the drill's delivery and port faults act as they do on the unmutated platform.
 */
final class ForgetfulPorts implements PortInterceptor {

    private final PortInterceptor next;
    private final OrderStore store;
    private final Mailer mailer;
    private final AtomicLong forgotten = new AtomicLong();

    ForgetfulPorts(PortInterceptor next, OrderStore store, Mailer mailer) {
        this.next = next;
        this.store = store;
        this.mailer = mailer;
    }

    /** How many calls were rewritten: a mutation that never acted proves nothing. */
    long forgotten() {
        return forgotten.get();
    }

    @Override
    public byte[] around(PortCall call, byte[] request, Supplier<byte[]> proceed) {
        if (call.kind().equals(StoreWire.KIND)) {
            return switch (call.operation()) {
                case "findIdempotency" ->
                    next.around(call, request, () -> {
                        forgotten.incrementAndGet();
                        return bytes(Json.internal().createObjectNode().putNull("record"));
                    });
                case "place" -> store(call, rewrite(request, r -> unique((ObjectNode) r.get("record"), "key")));
                case "update" -> store(call, rewrite(request, r -> drop(r, "dedupe")));
                case "markProcessed", "amend" ->
                    store(call, rewrite(request, r -> unique((ObjectNode) r.get("dedupe"), "messageId")));
                default -> next.around(call, request, proceed);
            };
        }
        if (call.kind().equals(MailerWire.KIND) && call.operation().equals("send")) {
            byte[] rewritten = rewrite(request, r -> unique(r, "id"));
            return next.around(call, rewritten, () -> MailerWire.serve(mailer, "send", rewritten));
        }
        return next.around(call, request, proceed);
    }

    private byte[] store(PortCall call, byte[] rewritten) {
        return next.around(call, rewritten, () -> StoreWire.serve(store, call.operation(), rewritten));
    }

    private void unique(ObjectNode node, String field) {
        if (node != null && node.hasNonNull(field)) {
            node.put(field, node.get(field).asText() + "-again-" + forgotten.incrementAndGet());
        }
    }

    private byte[] rewrite(byte[] request, Consumer<ObjectNode> change) {
        JsonNode json;
        try {
            json = Json.internal().readTree(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(json instanceof ObjectNode object)) {
            return request;
        }
        change.accept(object);
        return bytes(object);
    }

    private void drop(ObjectNode node, String field) {
        if (node.remove(field) != null) {
            forgotten.incrementAndGet();
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Json.internal().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
