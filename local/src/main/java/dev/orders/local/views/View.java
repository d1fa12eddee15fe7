package dev.orders.local.views;

import java.util.Map;

/**
 * One local-only view, {@code GET /_local/NAME}: reads the emulators' records and answers a value that
 * {@link LocalViews} writes as JSON with the one JSON mapper. Views never touch storage themselves.
 */
@FunctionalInterface
public interface View {

    /** The answer for the query's first values. */
    Answer render(Map<String, String> query);

    /** Status and the value to write (a record, a list, a map or a Jackson tree), or {@link Raw} bytes as they are. */
    record Answer(int status, Object body) {
        public static Answer ok(Object body) {
            return new Answer(200, body);
        }

        /** A page, script or style sheet: written as it is, with its content type (the dashboard's files). */
        public static Answer raw(String contentType, byte[] bytes) {
            return new Answer(200, new Raw(contentType, bytes));
        }

        /** An error in API Gateway's own shape, {@code {"message": …}}. */
        public static Answer error(int status, String message) {
            return new Answer(status, Map.of("message", message));
        }
    }

    /** Bytes with their content type, not JSON. */
    record Raw(String contentType, byte[] bytes) {}
}
