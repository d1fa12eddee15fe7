package dev.orders.local.delivery;

/**
 * What a trigger path asks before it completes a delivery: should this one ({@code key}: a request, a message, an
 * event's delivery to a target) be delivered a second time? Each key is answered yes at most once per fault, so an SQS
 * message is redelivered once, not until its receive count sends it to the DLQ.
 */
@FunctionalInterface
public interface DeliveryFaults {

    DeliveryFaults NONE = (path, receiver, key) -> false;

    /** {@code receiver}: the function that receives the delivery (api, sqs), or the stream or target (kinesis, bus). */
    boolean duplicate(DeliveryPath path, String receiver, String key);
}
