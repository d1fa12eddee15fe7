package dev.orders.functions.shared;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An S3 browser-upload form signed with SigV4: the POST policy document (expiration and conditions), its base64 form,
 * and the signature over it, exactly as S3 documents them ("Creating a POST policy", "Calculating a signature" for
 * POST). The SDK for Java v2 has no public API for POST policies (it signs HTTP requests only, and its key derivation
 * is internal): this class is the one place that derives the SigV4 signing key, used to sign forms (the AWS adapter,
 * the local runtime) and to check them (the local S3). See docs/decisions/0034-receipts-s3-and-post-policies.md.
 */
public final class PostPolicy {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String SERVICE = "s3";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private PostPolicy() {}

    /** The signer's keys; {@code sessionToken} for temporary credentials (a Lambda role's), which the form must carry. */
    public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {}

    /** What the form may upload. */
    public record Conditions(String bucket, String key, long minBytes, long maxBytes, String contentTypePrefix) {}

    /**
     * The form for {@code conditions}, valid for {@code expiry} from {@code now}: the policy's conditions are the bucket,
     * the exact key, the length range, the content type's prefix and every {@code x-amz-*} field the form carries.
     */
    public static UploadLinks.UploadForm form(
            URI bucketUrl,
            String region,
            Conditions conditions,
            Credentials credentials,
            Instant now,
            Duration expiry) {
        Instant signedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = signedAt.plus(expiry);
        String date = AMZ_DATE.format(signedAt);
        String credential =
                credentials.accessKeyId() + "/" + date.substring(0, 8) + "/" + region + "/" + SERVICE + "/aws4_request";
        Map<String, String> amz = new LinkedHashMap<>();
        amz.put("x-amz-algorithm", ALGORITHM);
        amz.put("x-amz-credential", credential);
        amz.put("x-amz-date", date);
        credentials.sessionToken().ifPresent(token -> amz.put("x-amz-security-token", token));

        ObjectNode policy = Json.internal().createObjectNode();
        policy.put("expiration", EXPIRATION.format(expiresAt));
        ArrayNode list = policy.putArray("conditions");
        list.addObject().put("bucket", conditions.bucket());
        list.addArray().add("eq").add("$key").add(conditions.key());
        list.addArray().add("content-length-range").add(conditions.minBytes()).add(conditions.maxBytes());
        list.addArray().add("starts-with").add("$Content-Type").add(conditions.contentTypePrefix());
        amz.forEach((name, value) -> list.addObject().put(name, value));
        String encoded = Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", conditions.key());
        fields.put("policy", encoded);
        fields.putAll(amz);
        fields.put("x-amz-signature", signature(credentials.secretAccessKey(), date.substring(0, 8), region, encoded));
        return new UploadLinks.UploadForm(bucketUrl, fields, expiresAt);
    }

    /** The hex signature of a base64 policy: HMAC-SHA256 with the SigV4 signing key of (date, region, s3). */
    public static String signature(String secretAccessKey, String yyyymmdd, String region, String base64Policy) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), yyyymmdd);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, base64Policy));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }
}
