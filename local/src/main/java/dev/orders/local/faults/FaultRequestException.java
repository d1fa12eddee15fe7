package dev.orders.local.faults;

/** A fault that cannot be injected as asked, with the reason a person can act on (answered 400; nothing changes). */
public final class FaultRequestException extends IllegalArgumentException {

    public FaultRequestException(String message) {
        super(message);
    }
}
