package dev.orders.functions.aws;

import dev.orders.domain.notifying.Notification;
import dev.orders.domain.port.Mailer;
import java.util.Optional;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * The {@link Mailer} port on SES v2 {@code SendEmail}, made idempotent per notification id by a claim in the
 * orders table ({@link NotificationClaims}). SES's answers are told apart: a message SES will never
 * take (rejected content, an invalid or unverified address, a suspended account) is refused with SES's reason;
 * anything else it answers (throttling {@code TooManyRequestsException}, {@code LimitExceededException},
 * {@code SendingPausedException}, 5xx, network) is thrown, so the message stays in the queue and is retried.
 */
public final class SesMailer implements Mailer {

    public static final String SENDER_VARIABLE = "NOTIFICATION_SENDER";
    private static final String CHARSET = "UTF-8";

    private final SesV2Client ses;
    private final String sender;
    private final NotificationClaims claims;

    public SesMailer(SesV2Client ses, String sender, NotificationClaims claims) {
        this.ses = ses;
        this.sender = sender;
        this.claims = claims;
    }

    @Override
    public Delivery send(Notification notification) {
        switch (claims.claim(notification.id())) {
            case ALREADY_SENT -> {
                return new Delivery.AlreadySent();
            }
            case HELD_ELSEWHERE ->
                throw new IllegalStateException("notification " + notification.id()
                        + " is being sent by another delivery; retry after its lease");
            case CLAIMED -> {
                // ours: send below
            }
        }
        String messageId;
        try {
            messageId = ses.sendEmail(r -> r.fromEmailAddress(sender)
                            .destination(
                                    d -> d.toAddresses(notification.address().value()))
                            .content(c -> c.simple(m -> m.subject(
                                            s -> s.data(notification.subject()).charset(CHARSET))
                                    .body(b -> b.text(
                                            t -> t.data(notification.text()).charset(CHARSET))))))
                    .messageId();
        } catch (SesV2Exception e) {
            release(notification.id());
            Optional<String> refusal = refusal(e);
            if (refusal.isPresent()) {
                return new Delivery.Refused(refusal.get());
            }
            throw e;
        } catch (RuntimeException e) {
            release(notification.id());
            throw e;
        }
        claims.markSent(notification.id(), messageId);
        return new Delivery.Sent();
    }

    /** Why SES will never take this message, or empty when a retry may succeed. */
    static Optional<String> refusal(SesV2Exception e) {
        boolean permanent = e instanceof MessageRejectedException
                || e instanceof BadRequestException
                || e instanceof MailFromDomainNotVerifiedException
                || e instanceof AccountSuspendedException
                || e instanceof NotFoundException
                // an error SES names that the SDK has no class for: 4xx other than throttling is the request's fault
                || (e.statusCode() >= 400
                        && e.statusCode() < 500
                        && e.statusCode() != 429
                        && !e.isThrottlingException());
        if (!permanent) {
            return Optional.empty();
        }
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "HTTP " + e.statusCode()
                : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? ""
                : ": " + e.awsErrorDetails().errorMessage();
        return Optional.of("ses-refused: " + code + message);
    }

    private void release(String notificationId) {
        try {
            claims.release(notificationId);
        } catch (RuntimeException notReleased) {
            // the send's own failure is the one to report; an unreleased claim ends with its lease
        }
    }

    /** SnapStart priming: a read-only call that loads the SES client's request path (needs ses:GetAccount). */
    void prime() {
        ses.getAccount(r -> {});
    }
}
