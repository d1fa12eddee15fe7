package dev.orders.local.aws;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4 (or SigV4a) signature: {@code KEY/DATE/REGION/SERVICE/aws4_request}
 * ({@code KEY/DATE/SERVICE/aws4_request} for SigV4a, which signs for a region set). Only read to route the
 * request: the local endpoint does not verify signatures (any credentials work, as with AWS's own local tools).
 */
public record CredentialScope(String accessKeyId, String date, Optional<String> region, String service) {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");

    /** From {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…}. */
    public static Optional<CredentialScope> fromAuthorization(String authorization) {
        if (authorization == null || !authorization.startsWith("AWS4-")) {
            return Optional.empty();
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        return credential.find() ? fromCredential(credential.group(1)) : Optional.empty();
    }

    /** From the credential itself, as in a presigned URL's {@code X-Amz-Credential} or a POST form's field. */
    public static Optional<CredentialScope> fromCredential(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length == 5 && parts[4].equals("aws4_request") && !parts[3].isEmpty()) {
            return Optional.of(new CredentialScope(parts[0], parts[1], Optional.of(parts[2]), parts[3]));
        }
        if (parts.length == 4 && parts[3].equals("aws4_request") && !parts[2].isEmpty()) {
            return Optional.of(new CredentialScope(parts[0], parts[1], Optional.empty(), parts[2]));
        }
        return Optional.empty();
    }
}
