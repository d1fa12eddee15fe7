package dev.orders.local.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.receipts.ReceiptImages;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.PostPolicy;
import dev.orders.functions.shared.UploadLinks;
import dev.orders.local.Http;
import dev.orders.local.LocalPlatform;
import dev.orders.local.paths.ReceiptsPath;
import dev.orders.local.store.Faults;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
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
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * P4 on the running platform, as a customer and an operator see it: the API's upload form, a browser-style POST
 * to the local S3, the notification, the Receipts function, the order's answer with its thumbnail, and every refusal.
 */
class ReceiptsEndToEndTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static Http http;
    static String alice;
    static S3Client s3;
    static final HttpClient RAW = HttpClient.newHttpClient();
    static final String BUCKET = ReceiptsPath.bucket();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(data, Faults.none()).start(0);
        http = new Http(platform.url());
        alice = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(10));
        s3 = S3Client.builder()
                .endpointOverride(URI.create(platform.url()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        platform.close();
    }

    @Test
    void a_real_jpeg_uploaded_with_the_presigned_form_becomes_a_receipt_with_its_dimensions_and_thumbnail()
            throws Exception {
        String orderId = placeOrder("jpeg");
        JsonNode form = uploadForm(orderId);
        byte[] jpeg = ReceiptImages.jpeg(1200, 1600);

        HttpResponse<String> upload = post(form, "image/jpeg", jpeg);

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        assertThat(upload.headers().firstValue("ETag")).isPresent();
        JsonNode receipt = awaitReceipt(orderId, form.get("receiptId").asText());
        assertThat(receipt.get("status").asText()).isEqualTo("ATTACHED");
        assertThat(receipt.get("size").asLong()).isEqualTo(jpeg.length);
        assertThat(receipt.at("/dimensions/width").asInt()).isEqualTo(1200);
        assertThat(receipt.at("/dimensions/height").asInt()).isEqualTo(1600);
        assertThat(receipt.get("sha256").asText()).hasSize(64);
        HttpResponse<byte[]> thumbnail = RAW.send(
                HttpRequest.newBuilder(URI.create(receipt.at("/thumbnail/url").asText()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getHeight())
                .isEqualTo(256);
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("thumbnails/" + orderId + "/"))
                        .contents())
                .extracting(S3Object::key)
                .containsExactly(
                        "thumbnails/" + orderId + "/" + form.get("receiptId").asText() + ".jpg");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> platform.bus().archive(Optional.of("ReceiptAttached")).stream()
                        .anyMatch(e -> e.detail().path("orderId").asText().equals(orderId)));
    }

    @Test
    void the_bucket_is_private_an_anonymous_get_is_denied_and_a_tampered_link_does_not_verify() throws Exception {
        String orderId = placeOrder("private");
        JsonNode form = uploadForm(orderId);
        post(form, "image/png", ReceiptImages.png(40, 30));
        String url = awaitReceipt(orderId, form.get("receiptId").asText())
                .at("/thumbnail/url")
                .asText();

        HttpResponse<String> anonymous = RAW.send(
                HttpRequest.newBuilder(URI.create(url.substring(0, url.indexOf('?'))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> tampered = RAW.send(
                HttpRequest.newBuilder(URI.create(url.replace(".jpg?", ".png?")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void
            an_expired_policy_a_file_one_byte_too_large_text_plain_and_a_key_outside_the_policy_are_refused_and_nothing_is_stored()
                    throws Exception {
        String orderId = placeOrder("refusals");
        JsonNode form = uploadForm(orderId);
        String key = form.at("/upload/fields/key").asText();

        HttpResponse<String> tooLarge = post(form, "image/jpeg", new byte[10 * 1024 * 1024 + 1]);
        HttpResponse<String> text = post(form, "text/plain", "hello".getBytes());
        Map<String, String> otherKey = fields(form);
        otherKey.put("key", "receipts/" + orderId + "/someone-else");
        HttpResponse<String> outside =
                post(form.at("/upload/url").asText(), otherKey, "image/jpeg", ReceiptImages.jpeg(10, 10));
        HttpResponse<String> expired =
                post(form.at("/upload/url").asText(), expiredFields(key), "image/jpeg", ReceiptImages.jpeg(10, 10));

        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body())
                .contains("<Code>EntityTooLarge</Code>", "<MaxSizeAllowed>10485760</MaxSizeAllowed>");
        assertThat(text.statusCode()).isEqualTo(403);
        assertThat(text.body()).contains("<Code>AccessDenied</Code>", "Policy Condition failed", "$Content-Type");
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.body()).contains("<Code>AccessDenied</Code>", "Policy Condition failed", "$key");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("<Code>AccessDenied</Code>", "Policy expired");
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("receipts/" + orderId + "/"))
                        .contents())
                .isEmpty();
        assertThat(platform.receipts().s3().pendingNotifications()).isZero();
    }

    @Test
    void a_png_bomb_a_jpeg_named_png_a_truncated_file_and_a_zero_byte_object_each_end_in_quarantine_with_a_reason() {
        String orderId = placeOrder("quarantine");
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        uploads.put("bomb", ReceiptImages.pngBomb(50_000, 50_000));
        uploads.put("named", ReceiptImages.jpeg(20, 20));
        uploads.put("cut", ReceiptImages.truncatedJpeg());
        uploads.put("empty", new byte[0]);
        Map<String, String> types =
                Map.of("bomb", "image/png", "named", "image/png", "cut", "image/jpeg", "empty", "image/jpeg");
        // A direct PutObject (an operator's or a buggy client's): the function must hold without the POST policy's
        // bounds.
        uploads.forEach((id, body) -> s3.putObject(
                r -> r.bucket(BUCKET).key("receipts/" + orderId + "/" + id).contentType(types.get(id)),
                RequestBody.fromBytes(body)));

        Map<String, String> expected = Map.of(
                "bomb", "too-many-pixels", "named", "content-type-mismatch", "cut", "unreadable", "empty", "empty");
        expected.forEach((id, code) -> {
            JsonNode receipt = awaitReceipt(orderId, id);
            assertThat(receipt.get("status").asText()).isEqualTo("REJECTED");
            assertThat(receipt.get("rejection").asText()).startsWith(code + ": ");
            HeadObjectResponse quarantined =
                    s3.headObject(r -> r.bucket(BUCKET).key("quarantine/receipts/" + orderId + "/" + id));
            assertThat(quarantined.metadata())
                    .containsEntry("rejection-code", code)
                    .containsEntry("rejection-reason", receipt.get("rejection").asText());
        });
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("receipts/" + orderId + "/"))
                        .contents())
                .isEmpty();
    }

    @Test
    void another_customers_order_gets_no_upload_form() {
        String orderId = placeOrder("bobs-attempt");
        String bob = LocalPlatform.issuer(data).token("bob", Duration.ofMinutes(10));

        assertThat(http.post("/orders/" + orderId + "/receipts", bob, null, null, "")
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.post("/orders/" + orderId + "/receipts", null, null, null, "")
                        .statusCode())
                .isEqualTo(401);
    }

    // ---- helpers

    private static String placeOrder(String key) {
        HttpResponse<String> placed = http.placeOrder(alice, key, Http.ORDER);
        assertThat(placed.statusCode()).isEqualTo(202);
        return read(placed.body()).get("orderId").asText();
    }

    private static JsonNode uploadForm(String orderId) {
        HttpResponse<String> form = http.post("/orders/" + orderId + "/receipts", alice, null, null, "");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(201);
        return read(form.body());
    }

    private static JsonNode awaitReceipt(String orderId, String receiptId) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await("receipt " + receiptId).atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode receipt :
                    read(http.get("/orders/" + orderId, alice).body()).get("receipts")) {
                if (receipt.get("receiptId").asText().equals(receiptId)) {
                    found[0] = receipt;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static Map<String, String> fields(JsonNode form) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.at("/upload/fields")
                .properties()
                .forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }

    /** The same form, signed with the stack's key as if issued ten minutes ago with a five-minute expiry. */
    private static Map<String, String> expiredFields(String key) {
        LocalCredentials credentials = LocalCredentials.open(data);
        UploadLinks.UploadForm old = PostPolicy.form(
                URI.create(platform.url() + "/" + BUCKET + "/"),
                "us-east-1",
                new PostPolicy.Conditions(BUCKET, key, 1, 10 * 1024 * 1024, "image/"),
                new PostPolicy.Credentials(credentials.accessKeyId(), credentials.secretAccessKey(), Optional.empty()),
                Instant.now().minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5));
        return new LinkedHashMap<>(old.fields());
    }

    private static HttpResponse<String> post(JsonNode form, String contentType, byte[] file) throws Exception {
        return post(form.at("/upload/url").asText(), fields(form), contentType, file);
    }

    private static HttpResponse<String> post(String url, Map<String, String> fields, String contentType, byte[] file)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("Content-Type", contentType);
        MultipartBody body = MultipartBody.of(all, "receipt", file);
        return RAW.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", body.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(String json) {
        try {
            return Json.internal().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}
