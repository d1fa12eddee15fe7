package dev.orders.domain.order;

/** The bus's event catalog (source {@code orders}); the detail-type is the PascalCase name. */
public enum OrderEventType {
    ORDER_ACCEPTED("OrderAccepted"),
    ORDER_PAID("OrderPaid"),
    ORDER_PAYMENT_FAILED("OrderPaymentFailed"),
    ORDER_PICKED("OrderPicked"),
    ORDER_SHIPPED("OrderShipped"),
    ORDER_DELIVERED("OrderDelivered"),
    RECEIPT_ATTACHED("ReceiptAttached");

    public static final String SOURCE = "orders";

    private final String detailType;

    OrderEventType(String detailType) {
        this.detailType = detailType;
    }

    public String detailType() {
        return detailType;
    }
}
