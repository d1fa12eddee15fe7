package dev.orders.local.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.notifying.Notification;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.Mailer.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxFolderTest {

    @TempDir
    Path dir;

    private static Notification paid() {
        return new Notification(
                "id-1",
                new CustomerId("alice"),
                new EmailAddress("alice@example.com"),
                new OrderId("o-1"),
                "OrderPaid",
                "Payment received",
                "Paid.");
    }

    @Test
    void eight_concurrent_sends_of_one_notification_leave_exactly_one_message() throws Exception {
        MailboxFolder mailbox = new MailboxFolder(dir.resolve("mailbox"));
        List<Callable<Delivery>> sends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sends.add(() -> mailbox.send(paid()));
        }
        List<Delivery> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Delivery> f : pool.invokeAll(sends)) {
                results.add(f.get());
            }
        }
        assertThat(results).containsOnlyOnce(new Delivery.Sent());
        try (var files = Files.list(dir.resolve("mailbox"))) {
            assertThat(files.toList()).singleElement().satisfies(file -> {
                assertThat(file.getFileName().toString()).isEqualTo("o-1.OrderPaid.id-1.eml");
                assertThat(Files.readString(file))
                        .contains("To: alice@example.com")
                        .contains("X-Customer-Id: alice")
                        .contains("Subject: Payment received");
            });
        }
    }
}
