package dev.orders.functions.aws;

import dev.orders.domain.port.Mailer;

/**
 * The SES adapter of the {@link Mailer} port is not written yet; a Notifications function built for
 * AWS fails at construction with this message, never at request time.
 */
public final class AwsMail {

    private AwsMail() {
    }

    public static Mailer mailer() {
        throw new IllegalStateException("no SES Mailer adapter is wired yet (see docs/semantics.md)");
    }
}
