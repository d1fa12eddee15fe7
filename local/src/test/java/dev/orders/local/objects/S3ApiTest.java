package dev.orders.local.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.LocalPlatform;
import dev.orders.local.paths.ReceiptsPath;
import dev.orders.local.store.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local S3 through the real SDK v2 {@code S3Client} (path-style, its default CRC32 checksums, so aws-chunked
 * bodies) and the AWS CLI: the operations served, S3's ETags, ranges, conditions, listing, copy, and S3's errors.
 */
class S3ApiTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static S3Client s3;
    static final String BUCKET = ReceiptsPath.bucket();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(data, Faults.none()).start(0);
        s3 = S3Client.builder()
                .endpointOverride(URI.create(platform.url()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "credentials")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        platform.close();
    }

    @Test
    void an_object_put_reads_back_with_its_md5_etag_content_type_and_metadata() throws Exception {
        byte[] body = "a small object".getBytes(StandardCharsets.UTF_8);

        String etag = s3.putObject(
                        r -> r.bucket(BUCKET)
                                .key("docs/a.txt")
                                .contentType("text/plain")
                                .metadata(Map.of("Origin", "test")),
                        RequestBody.fromBytes(body))
                .eTag();
        ResponseBytes<GetObjectResponse> read =
                s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("docs/a.txt"));

        assertThat(etag)
                .isEqualTo("\""
                        + HexFormat.of()
                                .formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"");
        assertThat(read.asByteArray()).isEqualTo(body);
        assertThat(read.response().eTag()).isEqualTo(etag);
        assertThat(read.response().contentType()).isEqualTo("text/plain");
        assertThat(read.response().metadata()).containsEntry("origin", "test");
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key("docs/a.txt")).contentLength())
                .isEqualTo(body.length);
    }

    @Test
    void a_large_object_streams_in_and_out_whole() throws Exception {
        Path file = data.resolve("large.bin");
        byte[] chunk = new byte[1024 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31);
        }
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 12; i++) {
                out.write(chunk);
            }
        }

        s3.putObject(r -> r.bucket(BUCKET).key("big/file.bin"), RequestBody.fromFile(file));
        Path back = data.resolve("back.bin");
        s3.getObject(r -> r.bucket(BUCKET).key("big/file.bin"), back);

        assertThat(Files.mismatch(file, back)).isEqualTo(-1);
    }

    @Test
    void ranges_read_part_of_an_object_and_a_range_past_the_end_is_invalid() {
        s3.putObject(r -> r.bucket(BUCKET).key("range/digits"), RequestBody.fromString("0123456789"));

        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("range/digits").range("bytes=2-4"))
                        .asUtf8String())
                .isEqualTo("234");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("range/digits").range("bytes=7-"))
                        .asUtf8String())
                .isEqualTo("789");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("range/digits").range("bytes=-2"))
                        .asUtf8String())
                .isEqualTo("89");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("range/digits").range("bytes=2-4"))
                        .response()
                        .contentRange())
                .isEqualTo("bytes 2-4/10");
        assertThatThrownBy(() -> s3.getObjectAsBytes(
                        r -> r.bucket(BUCKET).key("range/digits").range("bytes=10-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void if_match_guards_a_read_and_a_copy() {
        String etag = s3.putObject(r -> r.bucket(BUCKET).key("cond/x"), RequestBody.fromString("v1"))
                .eTag();

        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("cond/x").ifMatch(etag))
                        .asUtf8String())
                .isEqualTo("v1");
        assertThatThrownBy(() ->
                        s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("cond/x").ifMatch("\"other\"")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.copyObject(r -> r.sourceBucket(BUCKET)
                        .sourceKey("cond/x")
                        .copySourceIfMatch("\"other\"")
                        .destinationBucket(BUCKET)
                        .destinationKey("cond/y")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void copy_keeps_or_replaces_the_metadata_and_delete_removes_idempotently() {
        s3.putObject(
                r -> r.bucket(BUCKET).key("copy/src").contentType("image/png").metadata(Map.of("a", "1")),
                RequestBody.fromString("png"));

        s3.copyObject(r -> r.sourceBucket(BUCKET)
                .sourceKey("copy/src")
                .destinationBucket(BUCKET)
                .destinationKey("copy/same"));
        s3.copyObject(r -> r.sourceBucket(BUCKET)
                .sourceKey("copy/src")
                .destinationBucket(BUCKET)
                .destinationKey("copy/replaced")
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType("image/png")
                .metadata(Map.of("reason", "why")));
        s3.deleteObject(r -> r.bucket(BUCKET).key("copy/src"));
        s3.deleteObject(r -> r.bucket(BUCKET).key("copy/src"));

        assertThat(s3.headObject(r -> r.bucket(BUCKET).key("copy/same")).metadata())
                .containsExactly(Map.entry("a", "1"));
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key("copy/replaced")).metadata())
                .containsExactly(Map.entry("reason", "why"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("copy/src")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void list_objects_v2_pages_in_key_order_and_groups_by_delimiter() {
        for (String key : List.of("list/a/1", "list/a/2", "list/b/1", "list/c", "list/d", "list/e")) {
            s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(key));
        }

        ListObjectsV2Response grouped =
                s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("list/").delimiter("/"));
        assertThat(grouped.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("list/a/", "list/b/");
        assertThat(grouped.contents()).extracting(S3Object::key).containsExactly("list/c", "list/d", "list/e");

        List<String> paged = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("list/").maxKeys(2))
                .contents()
                .forEach(o -> paged.add(o.key()));
        assertThat(paged).containsExactly("list/a/1", "list/a/2", "list/b/1", "list/c", "list/d", "list/e");
    }

    @Test
    void only_the_templates_bucket_exists_and_a_missing_key_is_no_such_key() {
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(BUCKET);
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("another-bucket").key("k"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("no/such/key")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void an_unsigned_request_is_anonymous_and_the_bucket_blocks_public_access() throws Exception {
        s3.putObject(r -> r.bucket(BUCKET).key("public/not"), RequestBody.fromString("secret"));

        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.url() + "/" + BUCKET + "/public/not"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>").doesNotContain("secret");
    }

    @Test
    void an_operation_not_served_is_answered_not_implemented() {
        assertThatThrownBy(() -> s3.createMultipartUpload(r -> r.bucket(BUCKET).key("mpu")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
    }

    @Test
    void what_was_stored_is_there_after_a_restart() throws Exception {
        s3.putObject(r -> r.bucket(BUCKET).key("durable/x"), RequestBody.fromString("kept"));
        platform.close();
        platform = LocalPlatform.open(data, Faults.none()).start(0);
        s3.close();
        s3 = S3Client.builder()
                .endpointOverride(URI.create(platform.url()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "credentials")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();

        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("durable/x")).asUtf8String())
                .isEqualTo("kept");
    }

    /** Every AWS CLI found (the pyenv v1 and Debian's v2 where installed): {@code aws s3 cp} and {@code aws s3 ls}. */
    @Test
    void the_aws_cli_copies_and_lists_with_endpoint_url() throws Exception {
        List<Path> clis = Stream.concat(
                        Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "aws")),
                        Stream.of(Path.of("/usr/bin/aws")))
                .filter(Files::isExecutable)
                .distinct()
                .toList();
        org.junit.jupiter.api.Assumptions.assumeFalse(clis.isEmpty(), "no AWS CLI on PATH");
        Path local = data.resolve("cli.txt");
        Files.writeString(local, "from the cli");
        for (Path aws : clis) {
            String key = "cli/" + aws.toString().hashCode() + ".txt";
            assertThat(run(aws, "s3", "cp", local.toString(), "s3://" + BUCKET + "/" + key))
                    .contains("upload:");
            assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String())
                    .isEqualTo("from the cli");
            assertThat(run(aws, "s3", "ls", "s3://" + BUCKET + "/cli/"))
                    .as(aws.toString())
                    .contains(key.substring(4));
        }
    }

    private static String run(Path aws, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(aws.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--endpoint-url", platform.url(), "--region", "us-east-1"));
        ProcessBuilder cli = new ProcessBuilder(command).redirectErrorStream(true);
        cli.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x", "AWS_PAGER", ""));
        Process process = cli.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as(aws + " " + String.join(" ", arguments) + ": " + out)
                .isZero();
        return out;
    }
}
