package dev.orders.local.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.aws.S3ReceiptObjects;
import dev.orders.functions.aws.S3UploadLinks;
import dev.orders.functions.receipts.ReceiptImages;
import dev.orders.functions.receipts.ReceiptObjects;
import dev.orders.functions.shared.UploadLinks;
import dev.orders.local.LocalPlatform;
import dev.orders.local.paths.ReceiptsPath;
import dev.orders.local.store.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS adapters of the receipts bucket ({@link S3ReceiptObjects}, {@link S3UploadLinks}: SDK v2 {@code S3Client},
 * {@code S3Presigner}, the POST policy signer) against the local S3 endpoint, with the local stack's key so that the
 * endpoint verifies what they sign, as S3 would.
 */
class S3AdaptersTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static S3Client client;
    static ReceiptObjects objects;
    static UploadLinks links;
    static final String BUCKET = ReceiptsPath.bucket();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(data, Faults.none()).start(0);
        LocalCredentials stack = LocalCredentials.open(data);
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(stack.accessKeyId(), stack.secretAccessKey()));
        URI endpoint = URI.create(platform.url());
        client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        objects = new S3ReceiptObjects(client, BUCKET);
        links = new S3UploadLinks(
                presigner, credentials, Region.US_EAST_1, BUCKET, Optional.of(endpoint), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        client.close();
        platform.close();
    }

    @Test
    void download_streams_the_version_the_event_named_and_nothing_once_it_was_replaced() throws Exception {
        String etag = client.putObject(
                        r -> r.bucket(BUCKET).key("adapters/a").contentType("image/jpeg"),
                        RequestBody.fromString("one"))
                .eTag()
                .replace("\"", "");

        Optional<ReceiptObjects.Stored> stored = objects.download("adapters/a", etag, data.resolve("a-1"));
        client.putObject(r -> r.bucket(BUCKET).key("adapters/a"), RequestBody.fromString("two"));

        assertThat(stored).contains(new ReceiptObjects.Stored(3, Optional.of("image/jpeg")));
        assertThat(Files.readString(data.resolve("a-1"))).isEqualTo("one");
        assertThat(objects.download("adapters/a", etag, data.resolve("a-2"))).isEmpty();
        assertThat(objects.download("adapters/none", etag, data.resolve("a-3"))).isEmpty();
    }

    @Test
    void quarantine_moves_the_object_with_its_reason_added_to_its_metadata_and_is_a_no_op_the_second_time()
            throws Exception {
        String etag = client.putObject(
                        r -> r.bucket(BUCKET)
                                .key("adapters/q")
                                .contentType("image/png")
                                .metadata(Map.of("from", "test")),
                        RequestBody.fromString("text"))
                .eTag()
                .replace("\"", "");

        objects.quarantine(
                "adapters/q", etag, "quarantine/adapters/q", Map.of("rejection-reason", "not-an-image: text"));
        objects.quarantine(
                "adapters/q", etag, "quarantine/adapters/q", Map.of("rejection-reason", "not-an-image: text"));

        var moved = client.headObject(r -> r.bucket(BUCKET).key("quarantine/adapters/q"));
        assertThat(moved.metadata())
                .containsEntry("from", "test")
                .containsEntry("rejection-reason", "not-an-image: text");
        assertThat(moved.contentType()).isEqualTo("image/png");
        assertThat(client.listObjectsV2(r -> r.bucket(BUCKET).prefix("adapters/q"))
                        .contents())
                .isEmpty();
    }

    @Test
    void put_writes_a_file() throws Exception {
        Path file = Files.writeString(data.resolve("thumb"), "jpeg bytes");

        objects.put("thumbnails/adapters/t.jpg", file, "image/jpeg");

        assertThat(client.getObjectAsBytes(r -> r.bucket(BUCKET).key("thumbnails/adapters/t.jpg"))
                        .asUtf8String())
                .isEqualTo("jpeg bytes");
    }

    /** Outside receipts/, so that no notification moves the object away before it is read back. */
    @Test
    void the_adapters_upload_form_uploads_and_its_presigned_get_reads_what_it_uploaded() throws Exception {
        UploadLinks.UploadForm form =
                links.uploadForm("adapters/uploads/r1", 1, 10 * 1024 * 1024, "image/", Duration.ofMinutes(5));
        byte[] jpeg = ReceiptImages.jpeg(20, 10);
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("Content-Type", "image/jpeg");
        MultipartBody body = MultipartBody.of(fields, "r.jpg", jpeg);

        HttpResponse<String> posted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(form.url())
                                .header("Content-Type", body.contentType())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> read = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(links.download("adapters/uploads/r1", Duration.ofMinutes(1))
                                        .url())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(jpeg);
    }
}
