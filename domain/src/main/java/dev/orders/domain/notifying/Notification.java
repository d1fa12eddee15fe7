package dev.orders.domain.notifying;

import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.OrderId;

/**
 * One message to a customer, to their verified address. Its id is the id of the order event it announces,
 * which is derived from (order, event type): the same announcement always has the same id.
 */
public record Notification(
        String id,
        CustomerId recipient,
        EmailAddress address,
        OrderId orderId,
        String eventType,
        String subject,
        String text) {}
