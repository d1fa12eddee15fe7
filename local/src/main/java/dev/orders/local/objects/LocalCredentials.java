package dev.orders.local.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one key pair the local S3 verifies signatures against: the local stack's, with which its functions sign upload
 * forms and presigned links (as a Lambda role's credentials do in AWS). The secret is generated once per data folder
 * ({@code DATA/s3-signing-secret}), so links issued before a restart stay valid after it. Calls signed in the
 * {@code Authorization} header are not verified (any credentials work, as everywhere at the base URL).
 */
public record LocalCredentials(String accessKeyId, String secretAccessKey) {

    public static final String ACCESS_KEY_ID = "LOCALORDERSSTACK0001";
    static final String FILE = "s3-signing-secret";

    public static LocalCredentials open(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] random = new byte[30];
                new SecureRandom().nextBytes(random);
                Path temp = Files.createTempFile(dataDir, ".s3-secret-", ".tmp");
                Files.writeString(temp, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException anotherProcessWon) {
                    Files.deleteIfExists(temp);
                }
            }
            return new LocalCredentials(
                    ACCESS_KEY_ID,
                    Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    @Override
    public String toString() {
        return "LocalCredentials[" + accessKeyId + "]";
    }
}
