package dev.orders.functions.aws;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs dynalite (with our transaction shim, tools/emulators/dynalite-tx.js) on a free loopback port, once for
 * the whole test run, and stops it at the end. Tests receive an {@link Endpoint}.
 */
public final class Dynalite implements BeforeAllCallback, ParameterResolver {

    private static final Pattern LISTENING = Pattern.compile("listening at (http://\\S+)");

    /** Where the emulator answers, and the environment an adapter needs to reach it. */
    public record Endpoint(URI uri) {
        public AwsEnvironment environment(Map<String, String> more) {
            Map<String, String> variables = new java.util.HashMap<>(Map.of(
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_ACCESS_KEY_ID",
                    "emulator",
                    "AWS_SECRET_ACCESS_KEY",
                    "emulator",
                    "AWS_ENDPOINT_URL_DYNAMODB",
                    uri.toString()));
            variables.putAll(more);
            return new AwsEnvironment(variables);
        }

        /** A client of the emulator on which the orders table {@code name} exists, as the template declares it. */
        public DynamoDbClient withTable(String name) {
            DynamoDbClient dynamo = environment(Map.of()).build(DynamoDbClient.builder(), "DYNAMODB");
            if (!dynamo.listTables().tableNames().contains(name)) {
                dynamo.createTable(OrdersTable.definition(name));
                dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
            }
            return dynamo;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Endpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoint(context);
    }

    private static Endpoint endpoint(ExtensionContext context) {
        NodeEmulator running = context.getRoot()
                .getStore(ExtensionContext.Namespace.create(Dynalite.class))
                .getOrComputeIfAbsent(
                        NodeEmulator.class,
                        ignored -> NodeEmulator.start(
                                "dynalite",
                                "dynalite-tx.js",
                                List.of("--port", "0", "--host", "127.0.0.1"),
                                Map.of(),
                                LISTENING),
                        NodeEmulator.class);
        return new Endpoint(running.endpoint());
    }
}
