package dev.orders.domain.order;

/** What became of an upload: a receipt on its order, or rejected with a reason (and moved to quarantine). */
public enum ReceiptStatus {
    ATTACHED,
    REJECTED
}
