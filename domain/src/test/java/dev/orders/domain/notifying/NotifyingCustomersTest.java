package dev.orders.domain.notifying;

import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static dev.orders.domain.testing.Payments.acceptedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.Mailer;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryMailer;
import dev.orders.domain.testing.InMemoryOrderStore;
import org.junit.jupiter.api.Test;

class NotifyingCustomersTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final NotifyingCustomers notifying = new NotifyingCustomers(store, mailer);

    @Test
    void an_event_delivered_three_times_sends_one_message() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        OrderEvent accepted = store.outbox().getFirst();
        assertThat(notifying.announce(accepted)).isInstanceOf(NotifyingCustomers.Outcome.Sent.class);
        assertThat(notifying.announce(accepted))
                .isEqualTo(new NotifyingCustomers.Outcome.AlreadySent(accepted.eventId()));
        notifying.announce(accepted);
        assertThat(mailer.sent()).hasSize(1);
    }

    @Test
    void the_message_goes_to_the_orders_verified_address_and_names_the_order_and_its_total() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        notifying.announce(store.outbox().getFirst());
        Notification sent = mailer.sent().getFirst();
        assertThat(sent.recipient().value()).isEqualTo("alice");
        assertThat(sent.address().value()).isEqualTo("alice@example.com");
        assertThat(sent.subject()).isEqualTo("We received your order o-1");
        assertThat(sent.text()).contains("ACCEPTED").contains("30.00 EUR").doesNotContain("alice@example.com");
    }

    @Test
    void an_order_without_a_verified_address_gets_no_mail() {
        placeAcceptedOrder(store, "o-2");
        assertThat(notifying.announce(store.outbox().getFirst()))
                .isEqualTo(new NotifyingCustomers.Outcome.NoAddress(new OrderId("o-2")));
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void an_event_for_an_order_not_visible_yet_is_retried_later() {
        InMemoryOrderStore elsewhere = new InMemoryOrderStore();
        acceptedOrder(elsewhere, MutableClock.atNoon(), "o-3");
        assertThat(notifying.announce(elsewhere.outbox().getFirst()))
                .isEqualTo(new NotifyingCustomers.Outcome.NotVisible(new OrderId("o-3")));
    }

    @Test
    void a_message_the_provider_refuses_is_undeliverable_with_its_reason() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        OrderEvent accepted = store.outbox().getFirst();
        NotifyingCustomers refusing =
                new NotifyingCustomers(store, n -> new Mailer.Delivery.Refused("address rejected"));
        assertThat(refusing.announce(accepted))
                .isEqualTo(new NotifyingCustomers.Outcome.Undeliverable(accepted.eventId(), "address rejected"));
    }
}
