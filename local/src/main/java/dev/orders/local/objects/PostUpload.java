package dev.orders.local.objects;

import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A browser POST upload ({@code multipart/form-data} to {@code /BUCKET}): the form's fields are read, the policy is
 * checked ({@link PostPolicyCheck}), and only then is the file streamed into the bucket, bounded by the policy's
 * {@code content-length-range} ({@code EntityTooLarge}, {@code EntityTooSmall}). A refused upload stores nothing. The
 * answer is S3's: 204 by default, or {@code success_action_status} 200 or 201 (with a {@code PostResponse}).
 */
final class PostUpload {

    private PostUpload() {}

    static AwsResponse handle(
            AwsRequest request, InputStream body, String bucket, LocalS3 s3, LocalCredentials credentials, Clock clock)
            throws IOException {
        String boundary = MultipartForm.boundary(request.header("Content-Type").orElse(null))
                .orElseThrow(() -> new S3Error(
                        412, "PreconditionFailed", "Bucket POST must be of the enclosure-type multipart/form-data"));
        MultipartForm form = MultipartForm.read(body, boundary);
        String key = form.field("key")
                .orElseThrow(() -> S3Error.invalidArgument("Bucket POST must contain a field named 'key'."));
        PostPolicyCheck.Allowed allowed = PostPolicyCheck.check(form.fields(), bucket, credentials, clock.instant());
        if (!form.hasFile()) {
            throw S3Error.invalidArgument("POST requires exactly one file upload per request.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        form.fields().forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-amz-meta-")) {
                metadata.put(name.substring("x-amz-meta-".length()), value);
            }
        });
        StoredObject stored = s3.put(
                bucket,
                key,
                form.file(),
                allowed.minBytes(),
                allowed.maxBytes(),
                new LocalS3.Attributes(form.field("Content-Type").orElse(null), metadata),
                "ObjectCreated:Post",
                Optional.empty());
        String location = "/" + bucket + "/" + key;
        Map<String, String> headers =
                Map.of("ETag", stored.etag(), "Location", location, "x-amz-server-side-encryption", "AES256");
        String status = form.field("success_action_status").orElse("204");
        return switch (status) {
            case "200" -> AwsResponse.empty(200, headers);
            case "201" ->
                S3Api.xml(201, headers, w -> {
                    w.writeStartElement("PostResponse");
                    S3Api.element(w, "Location", location);
                    S3Api.element(w, "Bucket", bucket);
                    S3Api.element(w, "Key", key);
                    S3Api.element(w, "ETag", stored.etag());
                    w.writeEndElement();
                });
            default -> AwsResponse.empty(204, headers);
        };
    }
}
