package dev.orders.functions.payments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provider's signature scheme (Stripe's): header {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}
 * where each {@code v1} is HMAC-SHA256 over {@code "<t>.<raw body>"}. The timestamp must be within
 * the tolerance of our clock either way, which bounds how long a captured request can be replayed.
 */
public final class WebhookSignature {

    public static final String HEADER = "Payment-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final int MAX_HEADER_LENGTH = 4096;

    private WebhookSignature() {}

    public sealed interface Verdict {
        record Valid(Instant signedAt) implements Verdict {}

        /** {@code code} is a short metric reason; {@code status} is the HTTP answer. */
        record Rejected(int status, String code, String detail) implements Verdict {}
    }

    public static Verdict verify(Optional<String> header, byte[] rawBody, PaymentSecrets secrets, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return new Verdict.Rejected(400, "missing", "The " + HEADER + " header is required.");
        }
        Optional<Parsed> parsed = parse(header.get());
        if (parsed.isEmpty()) {
            return new Verdict.Rejected(
                    400, "malformed", "The " + HEADER + " header must be t=<unix seconds>,v1=<hex>.");
        }
        Instant signedAt = Instant.ofEpochSecond(parsed.get().timestamp());
        if (signedAt.isBefore(now.minus(TOLERANCE))) {
            return new Verdict.Rejected(401, "stale", "The signature's timestamp is too old.");
        }
        if (signedAt.isAfter(now.plus(TOLERANCE))) {
            return new Verdict.Rejected(401, "future", "The signature's timestamp is in the future.");
        }
        // Every (secret, v1) pair is compared in full, so timing does not reveal which one came closest.
        boolean matched = false;
        for (String secret : secrets.all()) {
            byte[] expected = hex(secret, parsed.get().timestamp(), rawBody);
            for (byte[] candidate : parsed.get().signatures()) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return matched
                ? new Verdict.Valid(signedAt)
                : new Verdict.Rejected(401, "mismatch", "No signature matches the payload.");
    }

    /** The header value a provider sends for {@code rawBody} at {@code at}: what {@code ./orders pay} uses. */
    public static String sign(String secret, Instant at, byte[] rawBody) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + new String(hex(secret, t, rawBody), StandardCharsets.US_ASCII);
    }

    private record Parsed(long timestamp, List<byte[]> signatures) {}

    private static Optional<Parsed> parse(String header) {
        if (header.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            switch (kv[0]) {
                case "t" -> {
                    if (timestamp != null || !kv[1].matches("[0-9]{1,12}")) {
                        return Optional.empty();
                    }
                    timestamp = Long.parseLong(kv[1]);
                }
                case "v1" -> signatures.add(kv[1].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
                default -> {
                    // other schemes (v0, ...) are not ours to check
                }
            }
        }
        return timestamp == null || signatures.isEmpty()
                ? Optional.empty()
                : Optional.of(new Parsed(timestamp, signatures));
    }

    private static byte[] hex(String secret, long timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(rawBody)).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is not available", unavailable);
        }
    }
}
