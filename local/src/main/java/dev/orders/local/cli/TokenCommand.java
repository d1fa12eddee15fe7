package dev.orders.local.cli;

import dev.orders.functions.shared.Json;
import dev.orders.local.LocalPlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./orders token CUSTOMER_ID}: a bearer token from the data folder's local issuer, as an OIDC provider would issue it. */
@Command(name = "token", description = "print a bearer token (a JWT) the local gateway accepts for CUSTOMER_ID")
final class TokenCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CUSTOMER_ID", description = "the token's subject")
    String customerId;

    @Option(
            names = "--ttl",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "lifetime (default: ${DEFAULT-VALUE})")
    long ttlSeconds;

    @Option(
            names = "--json",
            description = "print {\"customerId\", \"token\", \"expiresAt\"} instead of the bare token")
    boolean json;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    record Issued(String customerId, String token, String expiresAt) {}

    @Override
    public Integer call() throws Exception {
        Duration ttl = Duration.ofSeconds(ttlSeconds);
        String token = LocalPlatform.issuer(data.dir).token(customerId, ttl);
        String out = json
                ? Json.internal()
                        .writeValueAsString(new Issued(
                                customerId, token, Instant.now().plus(ttl).toString()))
                : token;
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
