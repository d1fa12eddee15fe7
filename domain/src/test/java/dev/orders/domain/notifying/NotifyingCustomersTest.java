package dev.orders.domain.notifying;

import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryMailer;
import dev.orders.domain.testing.InMemoryOrderStore;
import org.junit.jupiter.api.Test;

import static dev.orders.domain.testing.Payments.acceptedOrder;
import static org.assertj.core.api.Assertions.assertThat;

class NotifyingCustomersTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final NotifyingCustomers notifying = new NotifyingCustomers(mailer);

    @Test
    void an_event_delivered_three_times_sends_one_message() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        OrderEvent accepted = store.outbox().getFirst();
        assertThat(notifying.announce(accepted)).isInstanceOf(NotifyingCustomers.Outcome.Sent.class);
        assertThat(notifying.announce(accepted)).isEqualTo(new NotifyingCustomers.Outcome.AlreadySent(accepted.eventId()));
        notifying.announce(accepted);
        assertThat(mailer.sent()).hasSize(1);
    }

    @Test
    void the_message_goes_to_the_orders_customer_and_names_the_order_and_its_total() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        notifying.announce(store.outbox().getFirst());
        Notification sent = mailer.sent().getFirst();
        assertThat(sent.recipient().value()).isEqualTo("alice");
        assertThat(sent.subject()).isEqualTo("We received your order o-1");
        assertThat(sent.text()).contains("ACCEPTED").contains("30.00 EUR");
    }
}
