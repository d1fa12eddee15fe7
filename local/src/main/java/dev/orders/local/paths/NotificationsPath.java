package dev.orders.local.paths;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.functions.notifications.NotificationsHandler;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.mail.MailboxFolder;
import dev.orders.local.queue.MappingSettings;
import dev.orders.local.queue.SqsEventSourceMapping;
import java.util.List;

/**
 * P6: the bus's {@code NotificationsRule} fills {@code NotificationsQueue} (wired with the bus's rules);
 * its SQS event source mapping invokes {@code NotificationsFunction}, which mails into {@code DATA/mailbox/}.
 */
public final class NotificationsPath implements TriggerPath {

    public static final String FUNCTION = "NotificationsFunction";

    private final SqsEventSourceMapping mapping;

    public NotificationsPath(Wiring wiring) {
        this.mapping = new SqsEventSourceMapping(
                wiring.queues(),
                MappingSettings.from(wiring.template(), FUNCTION),
                wiring.function(notifications(wiring), SQSEvent.class, SQSBatchResponse.class),
                wiring.clock(),
                wiring.sqsTiming());
    }

    /** {@code NotificationsFunction}: which handler class, with which ports (SES in AWS, the mailbox folder here). */
    static FunctionWiring notifications(Wiring wiring) {
        String deadLetters = wiring.queues()
                .settings("NotificationsQueue")
                .deadLetterQueue()
                .orElseThrow(
                        () -> new IllegalStateException("NotificationsQueue has no RedrivePolicy in the template"));
        return FunctionWiring.of(FUNCTION, NotificationsHandler.class)
                .store("orders", wiring.store())
                .mailer("mail", new MailboxFolder(wiring.dataDir().resolve("mailbox")))
                .queue(deadLetters, wiring.queues().sender(deadLetters));
    }

    public SqsEventSourceMapping mapping() {
        return mapping;
    }

    @Override
    public void start() {
        mapping.start();
    }

    @Override
    public void close() {
        mapping.close();
    }

    @Override
    public List<LocalFunction<?, ?>> functions() {
        return List.of(mapping.function());
    }
}
