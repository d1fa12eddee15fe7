package dev.orders.local.delivery;

/**
 * What the platform's own calls to a service ask before they are made, where no handler calls the service through a
 * port: the outbox relay's {@code PutEvents} to the bus, and a Kinesis event source mapping's {@code GetRecords} on the
 * stream. An injected fault may make the call wait, or fail it as the service would ({@link Failure}). Kept beside
 * {@link DeliveryFaults} so the emulators depend on the question, not on the faults.
 */
@FunctionalInterface
public interface ServiceFaults {

    ServiceFaults NONE = (service, caller) -> {};

    /**
     * @param service {@code bus} or {@code stream}
     * @param caller who calls: {@code OutboxRelay}, or the function the stream's mapping reads for
     * @throws Failure when the call fails as the service's error would
     */
    void before(String service, String caller);

    /** The service's error, as the SDK would surface it: its message starts with the AWS error code. */
    final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message, null, false, false);
        }
    }
}
