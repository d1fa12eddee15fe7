package dev.orders.bench.cold;

import dev.orders.functions.aws.AwsEnvironment;
import dev.orders.functions.aws.OrdersTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite behind tools/emulators' transaction shim, on a free loopback port, with the orders table created as
 * the template declares it: the DynamoDB endpoint the cold-started adapters talk to.
 */
public final class DynaliteProcess implements AutoCloseable {

    public static final String TABLE = "orders-bench";
    private static final Pattern LISTENING = Pattern.compile("listening at (http://\\S+)");

    private final Process process;
    private final URI endpoint;

    private DynaliteProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static DynaliteProcess start(Path emulators) throws Exception {
        if (!Files.isRegularFile(emulators.resolve("node_modules/dynalite/package.json"))) {
            throw new IllegalStateException(
                    "dynalite is not installed: run npm ci --prefix tools/emulators (./orders bench does)");
        }
        String node = System.getenv().getOrDefault("ORDERS_NODE", "node");
        Process process = new ProcessBuilder(
                        node, emulators.resolve("dynalite-tx.js").toString(), "--port", "0", "--host", "127.0.0.1")
                .redirectErrorStream(true)
                .start();
        CompletableFuture<URI> listening =
                CompletableFuture.supplyAsync(() -> awaitListening(process), reader("dynalite-output"));
        try {
            DynaliteProcess dynalite = new DynaliteProcess(process, listening.get(60, TimeUnit.SECONDS));
            dynalite.createTable();
            return dynalite;
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** What a function's environment holds to reach this endpoint (AwsEnvironment's variable names). */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION",
                "eu-west-1",
                "AWS_ACCESS_KEY_ID",
                "bench",
                "AWS_SECRET_ACCESS_KEY",
                "bench",
                "AWS_ENDPOINT_URL_DYNAMODB",
                endpoint.toString(),
                OrdersTable.TABLE_NAME_VARIABLE,
                TABLE));
        env.put("POWERTOOLS_SERVICE_NAME", "orders");
        // OrderApi signs receipt upload forms for this bucket (no call to S3 until a form is asked for), as deployed.
        env.put("RECEIPTS_BUCKET", "orders-bench-receipts");
        return env;
    }

    private void createTable() {
        try (DynamoDbClient client =
                new AwsEnvironment(functionEnvironment()).build(DynamoDbClient.builder(), "DYNAMODB")) {
            client.createTable(OrdersTable.definition(TABLE));
            client.waiter().waitUntilTableExists(r -> r.tableName(TABLE));
        }
    }

    private static URI awaitListening(Process process) {
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    Thread.ofVirtual().start(() -> drain(lines));
                    return URI.create(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("dynalite exited before listening");
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // the emulator must never block on a full pipe
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** A blocking read gets a thread of its own: on two cores the common pool has one worker, which a read would hold. */
    private static java.util.concurrent.Executor reader(String name) {
        return task -> Thread.ofVirtual().name(name).start(task);
    }
}
