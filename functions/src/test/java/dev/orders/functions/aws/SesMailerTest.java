package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.domain.notifying.Notification;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.Mailer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * The SES adapter against SES's own error answers (REST-JSON, error type in {@code x-amzn-ErrorType}), which the
 * emulator cannot produce: throttling is retried, a rejected message or address is refused with SES's reason.
 */
class SesMailerTest {

    static final Notification NOTIFICATION = new Notification(
            "n-1",
            new CustomerId("alice"),
            new EmailAddress("alice@example.com"),
            new OrderId("o-1"),
            "OrderPaid",
            "Payment received for order o-1",
            "Order o-1 is now PAID. Total: 30.00 EUR.");

    /** Claims kept in memory, as DynamoDbNotificationClaims keeps them in the table. */
    static final class MemoryClaims implements NotificationClaims {
        final Map<String, String> states = new HashMap<>();

        @Override
        public synchronized Claim claim(String id) {
            String state = states.get(id);
            if (state == null) {
                states.put(id, "SENDING");
                return Claim.CLAIMED;
            }
            return state.startsWith("SENT") ? Claim.ALREADY_SENT : Claim.HELD_ELSEWHERE;
        }

        @Override
        public synchronized void markSent(String id, String messageId) {
            states.put(id, "SENT " + messageId);
        }

        @Override
        public synchronized void release(String id) {
            states.remove(id);
        }
    }

    private final StubHttp http = new StubHttp();
    private final MemoryClaims claims = new MemoryClaims();
    private final SesMailer mailer = new SesMailer(
            SesV2Client.builder()
                    .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                    .credentialsProvider(StubHttp.environment().credentials())
                    .httpClient(http)
                    .overrideConfiguration(c -> c.addExecutionInterceptor(http).retryStrategy(RetryMode.STANDARD))
                    .build(),
            "orders@example.com",
            claims);

    private static Map<String, String> errorType(String type) {
        return Map.of("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/");
    }

    @Test
    void a_notification_is_sent_once_from_the_sender_to_its_address_and_marked_sent() {
        http.answer(200, "{\"MessageId\":\"ses-1\"}");

        assertThat(mailer.send(NOTIFICATION)).isEqualTo(new Mailer.Delivery.Sent());
        assertThat(mailer.send(NOTIFICATION)).isEqualTo(new Mailer.Delivery.AlreadySent());

        assertThat(http.sent()).singleElement().satisfies(sent -> {
            SendEmailRequest request = (SendEmailRequest) sent.request();
            assertThat(request.fromEmailAddress()).isEqualTo("orders@example.com");
            assertThat(request.destination().toAddresses()).containsExactly("alice@example.com");
            assertThat(request.content().simple().subject().data()).isEqualTo("Payment received for order o-1");
            assertThat(sent.http().encodedPath()).isEqualTo("/v2/email/outbound-emails");
        });
        assertThat(claims.states).containsEntry("n-1", "SENT ses-1");
    }

    @Test
    void throttling_is_thrown_so_the_message_is_retried_and_the_claim_is_given_back() {
        for (int i = 0; i < 3; i++) { // the SDK's standard retry mode tries three times
            http.answer(429, "{\"message\":\"Maximum sending rate exceeded.\"}", errorType("TooManyRequestsException"));
        }

        assertThatThrownBy(() -> mailer.send(NOTIFICATION)).isInstanceOf(TooManyRequestsException.class);
        assertThat(claims.states).doesNotContainKey("n-1");
    }

    @Test
    void a_rejected_message_is_refused_with_ses_reason_not_retried() {
        http.answer(
                400,
                "{\"message\":\"Email address is not verified. The following identities failed the check: orders@example.com\"}",
                errorType("MessageRejected"));

        assertThat(mailer.send(NOTIFICATION))
                .isEqualTo(
                        new Mailer.Delivery.Refused(
                                "ses-refused: MessageRejected: Email address is not verified. The following identities failed the check: orders@example.com"));
        assertThat(http.sent()).hasSize(1);
        assertThat(claims.states).doesNotContainKey("n-1");
    }

    @Test
    void an_invalid_address_is_refused_as_a_bad_request() {
        http.answer(400, "{\"message\":\"Missing final '@domain'\"}", errorType("BadRequestException"));

        assertThat(mailer.send(NOTIFICATION))
                .isInstanceOfSatisfying(
                        Mailer.Delivery.Refused.class,
                        r -> assertThat(r.reason())
                                .isEqualTo("ses-refused: BadRequestException: Missing final '@domain'"));
    }

    @Test
    void an_unavailable_ses_is_thrown_for_a_retry() {
        for (int i = 0; i < 3; i++) {
            http.answer(503, "{\"message\":\"Service unavailable\"}", errorType("ServiceUnavailable"));
        }
        assertThatThrownBy(() -> mailer.send(NOTIFICATION))
                .isInstanceOf(software.amazon.awssdk.services.sesv2.model.SesV2Exception.class);
    }

    @Test
    void a_notification_another_delivery_is_sending_is_retried_later_without_a_send() {
        claims.claim("n-1");
        assertThatThrownBy(() -> mailer.send(NOTIFICATION))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lease");
        assertThat(http.sent()).isEmpty();
    }
}
