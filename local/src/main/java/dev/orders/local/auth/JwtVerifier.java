package dev.orders.local.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a bearer token as API Gateway's JWT authorizer does: RS256 signature by a known key id,
 * {@code iss} equal to the issuer, {@code aud} (or, without {@code aud}, {@code client_id}) containing the audience, {@code exp} in the future,
 * {@code nbf} and {@code iat} not in the future. Returns the claims as strings, the way the authorizer
 * hands them to the integration.
 */
public final class JwtVerifier {

    private static final long MAX_TOKEN_LENGTH = 8 * 1024;
    /** Tokens whose signature was checked; clients send the same token many times, and RSA is the gateway's biggest cost. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Signed(JsonNode claims, Map<String, String> flat) {}

    private final Map<String, Signed> signatureChecked = new java.util.concurrent.ConcurrentHashMap<>();

    private final PublicKey key;
    private final String keyId;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    JwtVerifier(PublicKey key, String keyId, String issuer, String audience) {
        this(key, keyId, issuer, audience, Clock.systemUTC());
    }

    JwtVerifier(PublicKey key, String keyId, String issuer, String audience, Clock clock) {
        this.key = key;
        this.keyId = keyId;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    public JwtVerifier withClock(Clock other) {
        return new JwtVerifier(key, keyId, issuer, audience, other);
    }

    /** The claims of a valid {@code Authorization} header value ({@code Bearer <jwt>} or the bare token). */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : authorization.trim();
        Signed known = signatureChecked.get(token);
        if (known != null) {
            // the signature cannot change; the time-bound claims are checked again on every use
            return valid(known.claims()) ? Optional.of(known.flat()) : Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = Json.strict().readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())
                    || !keyId.equals(header.path("kid").asText())) {
                return Optional.empty();
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = Json.strict().readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!valid(claims)) {
                return Optional.empty();
            }
            Signed signed = new Signed(claims, Map.copyOf(flatten(claims)));
            if (signatureChecked.size() >= MAX_REMEMBERED) {
                signatureChecked.clear();
            }
            signatureChecked.put(token, signed);
            return Optional.of(signed.flat());
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException malformed) {
            return Optional.empty();
        }
    }

    private boolean valid(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        // API Gateway checks client_id only when aud is absent.
        JsonNode aud = claims.has("aud") ? claims.path("aud") : claims.path("client_id");
        boolean audienceOk = aud.isArray()
                ? java.util.stream.StreamSupport.stream(aud.spliterator(), false)
                        .anyMatch(a -> audience.equals(a.asText()))
                : audience.equals(aud.asText());
        return claims.isObject()
                && issuer.equals(claims.path("iss").asText())
                && audienceOk
                && claims.path("sub").isTextual()
                && claims.path("exp").canConvertToLong()
                && claims.path("exp").asLong() > now
                && (!claims.has("nbf") || claims.path("nbf").asLong() <= now)
                && (!claims.has("iat") || claims.path("iat").asLong() <= now + 1);
    }

    private static Map<String, String> flatten(JsonNode claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.fields()
                .forEachRemaining(e -> flat.put(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
        return flat;
    }
}
