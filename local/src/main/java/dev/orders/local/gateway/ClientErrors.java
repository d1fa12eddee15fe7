package dev.orders.local.gateway;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests the client broke, counted rather than logged with a stack trace: a body cut short (the client
 * went away mid-request), a body whose chunked encoding is malformed, and answers that could not be
 * delivered because the client had gone. None of these is the server's fault, and a client can send as
 * many as it likes, so each costs one concise log line at most.
 */
public final class ClientErrors {

    /** What the client got wrong. */
    public enum Kind {
        /** The connection closed (or reset) before the body was complete. */
        INCOMPLETE_BODY,
        /** {@code Transfer-Encoding: chunked} with a chunk size or header that is not valid. */
        MALFORMED_BODY
    }

    private final AtomicLong incompleteBodies = new AtomicLong();
    private final AtomicLong malformedBodies = new AtomicLong();
    private final AtomicLong undelivered = new AtomicLong();

    /** The counts at one moment, for {@code /_local/health}. */
    public record Snapshot(long incompleteBodies, long malformedBodies, long undeliveredAnswers) {}

    /** Why reading a request body failed, from the JDK server's own exception. */
    static Kind classify(IOException unreadable) {
        String message = String.valueOf(unreadable.getMessage());
        return message.contains("chunk") ? Kind.MALFORMED_BODY : Kind.INCOMPLETE_BODY;
    }

    void count(Kind kind) {
        (kind == Kind.MALFORMED_BODY ? malformedBodies : incompleteBodies).incrementAndGet();
    }

    void countUndelivered() {
        undelivered.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(incompleteBodies.get(), malformedBodies.get(), undelivered.get());
    }
}
