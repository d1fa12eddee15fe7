package dev.orders.local.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
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
    /**
     * The token's JSON is written by jackson-core's generator, not an {@code ObjectMapper}: building a mapper is half a
     * second of a cold {@code ./orders token} (issue 18), and a JWT's two small objects need no data binding.
     */
    private static final JsonFactory JSON = new JsonFactory();

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
        byte[] header = json(out -> {
            out.writeStringField("alg", "RS256");
            out.writeStringField("typ", "JWT");
            out.writeStringField("kid", KEY_ID);
        });
        byte[] claims = json(out -> {
            out.writeStringField("iss", ISSUER);
            out.writeStringField("sub", subject);
            out.writeStringField("aud", audience);
            out.writeNumberField("iat", now.getEpochSecond());
            out.writeNumberField("nbf", now.getEpochSecond());
            out.writeNumberField("exp", now.plus(lifetime).getEpochSecond());
            if (verifiedEmail.isPresent()) {
                out.writeStringField("email", verifiedEmail.get());
                out.writeBooleanField("email_verified", true);
            }
        });
        String signingInput = encode(header) + "." + encode(claims);
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

    private interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    /** One JSON object, its fields written by {@code fields}, as UTF-8 bytes. */
    private static byte[] json(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            fields.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a token's JSON", e); // in memory: does not happen
        }
        return bytes.toByteArray();
    }

    private static String encode(byte[] json) {
        return B64URL.encodeToString(json);
    }
}
