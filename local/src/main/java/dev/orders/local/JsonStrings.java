package dev.orders.local;

/**
 * A JSON string literal written without a JSON library, for the few places that write a small object by hand: the
 * local issuer's JWT, which {@code ./orders token} writes in a JVM that loads as little as it can (issue 18).
 */
public final class JsonStrings {

    private JsonStrings() {}

    /** {@code value} as a JSON string: quotes, backslashes and control characters escaped (RFC 8259, section 7). */
    public static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
