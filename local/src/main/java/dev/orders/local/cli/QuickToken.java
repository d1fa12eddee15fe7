package dev.orders.local.cli;

import dev.orders.local.auth.LocalIssuer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./orders token CUSTOMER_ID [--ttl SECONDS] [--data DIR]} answered before picocli is loaded. picocli 4 is
 * compiled for Java 5: its classes cannot go into the JVM's class cache (CDS and the AOT cache take class files of
 * version 50 and newer only), so each start loads and verifies them from the jar and builds the command's model by
 * reflection in the interpreter, which was most of a cold {@code ./orders token} (issue 18). The token is typed often
 * (every {@code curl} against the local API starts with one), so its usual forms skip that.
 *
 * <p>Only the plain forms are answered here; anything else ({@code --json}, {@code -h}, an unknown or repeated
 * option, {@code --}, a missing or second CUSTOMER_ID, a TTL that is not a number) and any failure are left to
 * {@link TokenCommand} through picocli, which gives the same output for the forms this class answers
 * ({@code QuickTokenTest} holds both to the same options and defaults) and its own usage errors and messages for
 * the rest.
 */
final class QuickToken {

    /** {@link TokenCommand}'s defaults: {@code QuickTokenTest} compares them with its picocli model. */
    static final long DEFAULT_TTL_SECONDS = 3600;

    static final String DEFAULT_DATA = ".orders-data";

    private QuickToken() {}

    /** The parsed plain form: the subject, its lifetime and the data folder. */
    record Request(String customerId, Duration ttl, Path data) {}

    /**
     * {@code args} as a plain token request, or null when they are anything else (picocli then parses them). The
     * first argument is the command's name.
     */
    static Request parse(String[] args) {
        if (args.length < 2 || !args[0].equals("token")) {
            return null;
        }
        String customerId = null;
        String ttl = null;
        String data = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (name.equals("--ttl") || name.equals("--data")) {
                if (!name.equals(arg)) {
                    value = arg.substring(name.length() + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    value = args[++i];
                } else {
                    return null; // no value, or one that looks like an option: picocli's rules decide
                }
                if (name.equals("--ttl")) {
                    if (ttl != null) {
                        return null;
                    }
                    ttl = value;
                } else {
                    if (data != null) {
                        return null;
                    }
                    data = value;
                }
            } else if (arg.startsWith("-") || customerId != null) {
                return null; // an option this class does not answer, or a second CUSTOMER_ID: picocli's to say
            } else {
                customerId = arg;
            }
        }
        if (customerId == null) {
            return null;
        }
        long seconds;
        try {
            seconds = ttl == null ? DEFAULT_TTL_SECONDS : Long.parseLong(ttl);
        } catch (NumberFormatException notANumber) {
            return null;
        }
        try {
            return new Request(customerId, Duration.ofSeconds(seconds), Path.of(data == null ? DEFAULT_DATA : data));
        } catch (RuntimeException invalidPath) {
            return null;
        }
    }

    /**
     * Prints the token for {@code args} to {@code out} and returns true, or returns false having printed nothing
     * (not a plain form, or the issuer failed: picocli's path runs the command again and reports it).
     */
    static boolean answer(String[] args, PrintStream out) {
        Request request = parse(args);
        if (request == null) {
            return false;
        }
        String token;
        try {
            token = LocalIssuer.open(request.data(), LocalIssuer.BUNDLED_AUDIENCE)
                    .token(request.customerId(), request.ttl());
        } catch (RuntimeException failure) {
            return false;
        }
        out.println(token);
        out.flush();
        return true;
    }
}
