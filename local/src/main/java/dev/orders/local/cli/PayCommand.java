package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.payments.PaymentSecrets;
import dev.orders.functions.payments.ProviderEvents;
import dev.orders.functions.payments.WebhookSignature;
import dev.orders.functions.shared.Json;
import dev.orders.local.payments.LocalPaymentSecrets;
import dev.orders.local.payments.PaymentsAndNotifications;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./orders pay ORDER_ID [--fail] [--amount A --currency C] [--event-id ID] [--data DIR]}: the
 * provider's side of SPEC P2. Builds the provider event, signs it with the data folder's secret (or
 * {@code ORDERS_PAYMENT_SECRET}) and posts it to the running platform found in {@code DATA/url}. The
 * amount defaults to the order's total, asked from the platform's local-only {@code /_local/order-total}
 * (a provider has no customer token). {@code --event-id} resends a given provider event id (a replay).
 */
final class PayCommand {

    static final String USAGE = "usage: ./orders pay ORDER_ID [--fail] [--amount A --currency C] [--event-id ID] [--data DIR]";

    private PayCommand() {
    }

    static int run(Main.Options options) throws IOException, InterruptedException {
        List<String> positional = new ArrayList<>(options.positional());
        // "--fail ORDER_ID" parses as an option with a value; the flag takes none.
        String fail = options.value("--fail", null);
        if (fail != null && !fail.equals("true")) {
            positional.add(fail);
        }
        if (positional.size() != 2) {
            System.err.println(USAGE);
            return 2;
        }
        String orderId = positional.get(1);
        Path data = options.dataDir();
        Path urlFile = data.resolve("url");
        if (!Files.exists(urlFile)) {
            System.err.println("no " + urlFile + ": start the platform first (./orders up --data " + data + ")");
            return 1;
        }
        String url = Files.readString(urlFile, StandardCharsets.UTF_8).trim();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String amount = options.value("--amount", null);
        String currency = options.value("--currency", null);
        if (amount == null || currency == null) {
            HttpResponse<String> total = http.send(HttpRequest.newBuilder(URI.create(url + "/_local/order-total?orderId="
                    + URLEncoder.encode(orderId, StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (total.statusCode() != 200) {
                System.err.println("cannot find order " + orderId + " at " + url + ": " + total.statusCode() + " " + total.body());
                return 1;
            }
            JsonNode order = Json.internal().readTree(total.body());
            amount = amount == null ? order.get("amount").asText() : amount;
            currency = currency == null ? order.get("currency").asText() : currency;
        }

        Instant now = Instant.now();
        ObjectNode event = Json.internal().createObjectNode();
        event.put("id", options.value("--event-id", "evt_" + UUID.randomUUID()));
        event.put("type", fail != null ? ProviderEvents.FAILED : ProviderEvents.SUCCEEDED);
        event.put("created", now.getEpochSecond());
        event.putObject("data").put("orderId", orderId).put("paymentId", "pay_" + UUID.randomUUID())
                .put("amount", amount).put("currency", currency);
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);

        PaymentSecrets secrets = LocalPaymentSecrets.load(data);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + PaymentsAndNotifications.WEBHOOK_PATH))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secrets.current(), now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("sent " + event);
        System.out.println(response.statusCode() + " " + response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }
}
