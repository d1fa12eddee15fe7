package dev.orders.local.payments;

import dev.orders.functions.payments.PaymentSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The local provider's secrets: {@code ORDERS_PAYMENT_SECRET} / {@code ORDERS_PAYMENT_SECRET_PREVIOUS}
 * when set, otherwise a secret generated once into {@code DATA/acmepay-secret} (owner-only), which the
 * runtime and {@code ./orders pay} both read.
 */
public final class LocalPaymentSecrets {

    public static final String FILE = "acmepay-secret";

    private LocalPaymentSecrets() {}

    /** Where {@link #load} takes the current secret from, in words a person can act on. */
    public static String source(Path dataDir) {
        String current = System.getenv(PaymentSecrets.CURRENT_VARIABLE);
        return current != null && !current.isBlank()
                ? "the environment variable " + PaymentSecrets.CURRENT_VARIABLE
                : dataDir.resolve(FILE) + " (" + PaymentSecrets.CURRENT_VARIABLE + " is not set)";
    }

    public static PaymentSecrets load(Path dataDir) {
        Optional<String> previous = Optional.ofNullable(System.getenv(PaymentSecrets.PREVIOUS_VARIABLE));
        String current = System.getenv(PaymentSecrets.CURRENT_VARIABLE);
        if (current != null && !current.isBlank()) {
            return new PaymentSecrets(current, previous);
        }
        return new PaymentSecrets(fileSecret(dataDir), previous);
    }

    private static String fileSecret(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path temp = Files.createTempFile(
                        dataDir,
                        ".secret-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, "whsec_" + HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.createLink(file, temp); // the first writer wins; everyone reads that one
                } catch (FileAlreadyExistsException raced) {
                    // another process generated it first
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the payment secret " + file, e);
        }
    }
}
