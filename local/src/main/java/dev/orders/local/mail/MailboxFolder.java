package dev.orders.local.mail;

import dev.orders.domain.notifying.Notification;
import dev.orders.domain.port.Mailer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The local mail provider: one file per message in {@code DATA/mailbox/}, named after the
 * notification (order, event type, id), addressed to the customer's verified address as SES would send it. The file is written and synced under a temporary name, then
 * hard-linked to its final name: link(2) fails if the name exists, so two concurrent sends of one
 * notification leave exactly one message, and a crash leaves either none or a whole one.
 */
public final class MailboxFolder implements Mailer {

    private final Path folder;

    public MailboxFolder(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mailbox " + folder, e);
        }
    }

    @Override
    public Delivery send(Notification notification) {
        Path target = folder.resolve(
                notification.orderId().value() + "." + notification.eventType() + "." + notification.id() + ".eml");
        if (Files.exists(target)) {
            return new Delivery.AlreadySent();
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, ".sending-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(message(notification).getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.createLink(target, temp);
            return new Delivery.Sent();
        } catch (FileAlreadyExistsException concurrent) {
            return new Delivery.AlreadySent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the mailbox", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless: it is never read as a message
                }
            }
        }
    }

    private static String message(Notification n) {
        return "To: " + n.address().value() + "\r\n"
                + "X-Customer-Id: " + n.recipient().value() + "\r\n"
                + "Subject: " + n.subject() + "\r\n"
                + "X-Notification-Id: " + n.id() + "\r\n"
                + "X-Order-Id: " + n.orderId().value() + "\r\n"
                + "X-Event-Type: " + n.eventType() + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + n.text() + "\r\n";
    }
}
