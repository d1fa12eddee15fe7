package dev.orders.bridge.crac;

/** A resource refused the checkpoint. */
public class CheckpointException extends Exception {

    public CheckpointException(Throwable cause) {
        super(cause);
    }
}
