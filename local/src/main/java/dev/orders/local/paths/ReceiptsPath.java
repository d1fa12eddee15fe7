package dev.orders.local.paths;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.orders.functions.receipts.ReceiptsHandler;
import dev.orders.functions.receipts.ScratchSpace;
import dev.orders.functions.shared.UploadLinks;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.AsyncInvocations;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.objects.LocalCredentials;
import dev.orders.local.objects.LocalReceiptObjects;
import dev.orders.local.objects.LocalS3;
import dev.orders.local.objects.LocalUploadLinks;
import dev.orders.local.objects.NotificationRelay;
import dev.orders.local.objects.S3Api;
import dev.orders.local.template.SamTemplate;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * P4: the template's {@code ReceiptsBucket} on the local S3 (its API at the base URL, path-style, the browser POST
 * form included), its S3 event ({@code s3:ObjectCreated:*} under {@code receipts/}) invoking {@code ReceiptsFunction}
 * asynchronously, and the upload forms and thumbnail links the order API hands out. The function's {@code /tmp} is
 * {@code DATA/tmp/ReceiptsFunction}, bounded by the template's {@code EphemeralStorage}.
 */
public final class ReceiptsPath implements TriggerPath {

    public static final String FUNCTION = "ReceiptsFunction";
    public static final String BUCKET = "ReceiptsBucket";

    private final Wiring wiring;
    private final LocalS3 s3;
    private final LocalCredentials credentials;
    private final LocalFunction<S3Event, Void> function;
    private final NotificationRelay relay;
    private final Supplier<URI> baseUrl;

    public ReceiptsPath(Wiring wiring, Supplier<URI> baseUrl, AsyncInvocations async) {
        this.wiring = wiring;
        this.baseUrl = baseUrl;
        clearScratch(wiring.dataDir().resolve("tmp").resolve(FUNCTION));
        this.s3 = LocalS3.fromTemplate(wiring.db(), wiring.dataDir(), wiring.template(), wiring.clock());
        this.credentials = LocalCredentials.open(wiring.dataDir());
        this.function = wiring.function(receipts(wiring, s3), S3Event.class, Void.class);
        this.relay = new NotificationRelay(s3, async);
    }

    /**
     * {@code ReceiptsFunction}: which handler class, with which ports. Its /tmp ({@code ScratchSpace}) is a folder of
     * the data folder, bounded by the template's {@code EphemeralStorage} (512 MB by default).
     */
    static FunctionWiring receipts(Wiring wiring, LocalS3 s3) {
        int megabytes = wiring.template()
                .integer(
                        SamTemplate.mapOf(wiring.template().properties(FUNCTION).get("EphemeralStorage")), "Size")
                .orElse(512);
        return FunctionWiring.of(FUNCTION, ReceiptsHandler.class)
                .store("orders", wiring.store())
                .objects("receipts", new LocalReceiptObjects(s3, bucket()))
                .instance(
                        ScratchSpace.class,
                        wiring.dataDir().resolve("tmp").resolve(FUNCTION),
                        megabytes * 1024L * 1024L)
                .clock(wiring.clock());
    }

    /** No environment outlives the platform: what a previous run's environments left in their /tmp goes. */
    private static void clearScratch(java.nio.file.Path scratch) {
        if (!java.nio.file.Files.isDirectory(scratch)) {
            return;
        }
        try (var files = java.nio.file.Files.walk(scratch)) {
            for (java.nio.file.Path file :
                    files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not clear " + scratch, e);
        }
    }

    /** The bucket's local name. */
    public static String bucket() {
        return LocalS3.localName(BUCKET);
    }

    /** Upload forms and thumbnail links for the order API, signed with the local stack's key. */
    public UploadLinks uploadLinks() {
        return new LocalUploadLinks(baseUrl, bucket(), credentials, wiring.clock());
    }

    public LocalS3 s3() {
        return s3;
    }

    @Override
    public void serve(HttpGateway gateway) {
        gateway.aws().register(new S3Api(s3, credentials, wiring.clock()));
    }

    @Override
    public List<LocalFunction<?, ?>> functions() {
        return List.of(function);
    }

    @Override
    public void start() {
        relay.start();
    }

    @Override
    public void close() {
        relay.close();
    }
}
