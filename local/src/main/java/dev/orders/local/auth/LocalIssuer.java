package dev.orders.local.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The local token issuer: an RS256 key pair kept in the data folder (made on first use), so that
 * {@code ./orders token} and a running {@code ./orders up} agree without talking to each other.
 */
public final class LocalIssuer {

    public static final String ISSUER = "urn:orders:local-issuer";
    public static final String KEY_ID = "local-1";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String audience;

    private LocalIssuer(KeyPair keys, String audience) {
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic();
        this.audience = audience;
    }

    public static LocalIssuer open(Path dataDir, String audience) {
        Path dir = dataDir.resolve("issuer");
        Path privateFile = dir.resolve("private.pk8");
        Path publicFile = dir.resolve("public.x509");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(publicFile)) {
                create(privateFile, publicFile);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
            return new LocalIssuer(new KeyPair(publicKey, privateKey), audience);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local issuer's keys under " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local issuer's keys under " + dir + " are unreadable", e);
        }
    }

    /** Writes the private key first, then publishes the public key atomically: its presence means both exist. */
    private static void create(Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path tmpPrivate = Files.createTempFile(privateFile.getParent(), "private", ".tmp");
        Path tmpPublic = Files.createTempFile(publicFile.getParent(), "public", ".tmp");
        Files.write(tmpPrivate, keys.getPrivate().getEncoded());
        Files.write(tmpPublic, keys.getPublic().getEncoded());
        try {
            Files.move(tmpPrivate, privateFile, StandardCopyOption.ATOMIC_MOVE);
            Files.createLink(publicFile, tmpPublic);
        } catch (FileAlreadyExistsException anotherProcessWon) {
            // both processes now read the winner's pair
        } finally {
            Files.deleteIfExists(tmpPrivate);
            Files.deleteIfExists(tmpPublic);
        }
    }

    /**
     * A token for {@code subject} with a verified address {@code SUBJECT@example.com} (when that is an address),
     * as an identity provider vouches for its users' e-mail: the local path captures it with the order and mails it.
     */
    public String token(String subject, Duration lifetime) {
        String email = subject.toLowerCase(java.util.Locale.ROOT) + "@example.com";
        return token(
                subject,
                lifetime,
                dev.orders.domain.order.EmailAddress.isValid(email)
                        ? java.util.Optional.of(email)
                        : java.util.Optional.empty());
    }

    public String token(String subject, Duration lifetime, java.util.Optional<String> verifiedEmail) {
        Instant now = Instant.now();
        ObjectNode header = Json.internal()
                .createObjectNode()
                .put("alg", "RS256")
                .put("typ", "JWT")
                .put("kid", KEY_ID);
        ObjectNode claims = Json.internal()
                .createObjectNode()
                .put("iss", ISSUER)
                .put("sub", subject)
                .put("aud", audience)
                .put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("exp", now.plus(lifetime).getEpochSecond());
        verifiedEmail.ifPresent(email -> claims.put("email", email).put("email_verified", true));
        String signingInput = encode(header.toString()) + "." + encode(claims.toString());
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public JwtVerifier verifier() {
        return new JwtVerifier(publicKey, KEY_ID, ISSUER, audience);
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
