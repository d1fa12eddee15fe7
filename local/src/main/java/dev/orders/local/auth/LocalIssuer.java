package dev.orders.local.auth;

import static dev.orders.local.JsonStrings.quoted;

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
    /**
     * The audience of the bundled template ({@code Parameters.JwtAudience.Default}), which {@code ./orders up}
     * verifies tokens against: a constant, so that {@code ./orders token} need not parse the template (a tenth of a
     * second of a cold JVM, issue 18); {@code LocalIssuerTest} holds it to the template.
     */
    public static final String BUNDLED_AUDIENCE = "orders-api";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    /** Read by {@link #verifier()} only: issuing a token needs the private key alone. */
    private final Path publicFile;

    private final String audience;

    private LocalIssuer(PrivateKey privateKey, Path publicFile, String audience) {
        this.privateKey = privateKey;
        this.publicFile = publicFile;
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
            PrivateKey privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
            return new LocalIssuer(privateKey, publicFile, audience);
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
        // A JWT's two small objects are written here rather than by a JSON library: strings are their only values that
        // need escaping, and loading and setting up jackson-core was a measurable part of a cold ./orders token.
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":" + quoted(KEY_ID) + "}";
        StringBuilder claims = new StringBuilder(256)
                .append("{\"iss\":")
                .append(quoted(ISSUER))
                .append(",\"sub\":")
                .append(quoted(subject))
                .append(",\"aud\":")
                .append(quoted(audience))
                .append(",\"iat\":")
                .append(now.getEpochSecond())
                .append(",\"nbf\":")
                .append(now.getEpochSecond())
                .append(",\"exp\":")
                .append(now.plus(lifetime).getEpochSecond());
        verifiedEmail.ifPresent(
                email -> claims.append(",\"email\":").append(quoted(email)).append(",\"email_verified\":true"));
        claims.append('}');
        String signingInput = encode(header) + "." + encode(claims.toString());
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
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
            return new JwtVerifier(publicKey, KEY_ID, ISSUER, audience);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local issuer's public key " + publicFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local issuer's public key " + publicFile + " is unreadable", e);
        }
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
