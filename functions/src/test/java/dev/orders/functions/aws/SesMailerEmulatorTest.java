package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.notifying.Notification;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.Mailer;
import dev.orders.functions.shared.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The SES adapter on SES v2's wire protocol (aws-ses-v2-local), with its claims in the orders table (dynalite). */
@Tag("emulator")
@ExtendWith({Dynalite.class, SesLocal.class})
class SesMailerEmulatorTest {

    private static final String TABLE = "orders-mail";
    private static DynamoDbClient dynamo;
    private static SesMailer mailer;
    private static URI ses;

    @BeforeAll
    static void wire(Dynalite.Endpoint dynalite, URI sesEndpoint) {
        ses = sesEndpoint;
        AwsEnvironment environment = dynalite.environment(Map.of("AWS_ENDPOINT_URL_SESV2", sesEndpoint.toString()));
        dynamo = dynalite.withTable(TABLE);
        mailer = new SesMailer(
                environment.build(SesV2Client.builder(), "SESV2"),
                "orders@example.com",
                new DynamoDbNotificationClaims(dynamo, TABLE, Clock.systemUTC()));
    }

    private static Notification notification(String id, String address) {
        return new Notification(
                id,
                new CustomerId("alice"),
                new EmailAddress(address),
                new OrderId("o-" + id),
                "OrderShipped",
                "Your order o-" + id + " is on its way",
                "Order o-" + id + " is now SHIPPED. Total: 30.00 EUR.");
    }

    /** Every message the emulator holds for {@code subject}. */
    private static List<JsonNode> messages(String subject) throws Exception {
        HttpResponse<String> store = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(ses.resolve("/store")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode email : Json.internal().readTree(store.body()).path("emails")) {
            if (email.path("subject").asText().equals(subject)) {
                found.add(email);
            }
        }
        return found;
    }

    @Test
    void a_notification_delivered_three_times_becomes_one_message_with_its_recipient_subject_and_body()
            throws Exception {
        String id = UUID.randomUUID().toString();
        Notification notification = notification(id, "alice@example.com");

        assertThat(mailer.send(notification)).isEqualTo(new Mailer.Delivery.Sent());
        assertThat(mailer.send(notification)).isEqualTo(new Mailer.Delivery.AlreadySent());
        assertThat(mailer.send(notification)).isEqualTo(new Mailer.Delivery.AlreadySent());

        assertThat(messages(notification.subject())).singleElement().satisfies(email -> {
            assertThat(email.at("/destination/to/0").asText()).isEqualTo("alice@example.com");
            assertThat(email.path("from").asText()).isEqualTo("orders@example.com");
            assertThat(email.at("/body/text").asText()).isEqualTo(notification.text());
        });
    }

    @Test
    void a_message_ses_refuses_is_refused_with_a_reason_and_leaves_no_message_and_no_claim(Dynalite.Endpoint dynalite)
            throws Exception {
        String id = UUID.randomUUID().toString();
        Notification notification = notification(id, "alice@example.com");
        // The emulator accepts any recipient; what it does refuse with a 400, as SES does, is a message without a
        // sender. SES's own error shapes (MessageRejected, BadRequestException for an address) are in SesMailerTest.
        AwsEnvironment environment = dynalite.environment(Map.of("AWS_ENDPOINT_URL_SESV2", ses.toString()));
        SesMailer noSender = new SesMailer(
                environment.build(SesV2Client.builder(), "SESV2"),
                "",
                new DynamoDbNotificationClaims(dynamo, TABLE, Clock.systemUTC()));

        Mailer.Delivery delivery = noSender.send(notification);

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Mailer.Delivery.Refused.class,
                        r -> assertThat(r.reason()).startsWith("ses-refused: "));
        assertThat(messages(notification.subject())).isEmpty();
        assertThat(dynamo.getItem(r -> r.tableName(TABLE)
                                .key(DynamoDbNotificationClaims.key(id))
                                .consistentRead(true))
                        .item())
                .isEmpty();
    }
}
