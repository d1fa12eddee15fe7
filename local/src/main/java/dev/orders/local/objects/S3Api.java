package dev.orders.local.objects;

import dev.orders.local.aws.AwsErrors;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import dev.orders.local.aws.AwsService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * S3's REST-XML API at the base URL, path-style ({@code /BUCKET/KEY}), for the template's buckets: PutObject (also
 * CopyObject), GetObject (ranges, If-Match, If-None-Match), HeadObject, DeleteObject, ListObjectsV2, HeadBucket,
 * ListBuckets, and the browser POST upload ({@code multipart/form-data} to {@code /BUCKET}, its policy checked by
 * {@link PostPolicyCheck}). Calls signed in the {@code Authorization} header are served (the signature is not verified);
 * presigned URLs are verified ({@link PresignedRequest}); anything else is anonymous, and the buckets block public
 * access: {@code AccessDenied}. Errors are S3's {@code <Error>} documents with S3's codes and statuses.
 */
public final class S3Api implements AwsService {

    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final LocalS3 s3;
    private final LocalCredentials credentials;
    private final Clock clock;

    public S3Api(LocalS3 s3, LocalCredentials credentials, Clock clock) {
        this.s3 = s3;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "s3";
    }

    /** An unsigned request for one of the local buckets: a browser POST form, a presigned URL, or an anonymous call. */
    @Override
    public boolean accepts(AwsRequest request) {
        return s3.hasBucket(target(request).bucket());
    }

    @Override
    public boolean streamsBody(AwsRequest head) {
        Target target = target(head);
        return head.method().equals("PUT") && !target.key().isEmpty()
                || head.method().equals("POST")
                        && target.key().isEmpty()
                        && head.query().isEmpty();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        return handle(request, InputStream.nullInputStream());
    }

    @Override
    public AwsResponse handle(AwsRequest request, InputStream body) {
        Target target = target(request);
        try {
            if (target.bucket().isEmpty()) {
                authorize(request);
                return request.method().equals("GET") ? listBuckets() : notImplemented(request);
            }
            if (!s3.hasBucket(target.bucket())) {
                throw S3Error.noSuchBucket(target.bucket());
            }
            if (request.method().equals("POST")
                    && target.key().isEmpty()
                    && request.query().isEmpty()) {
                return PostUpload.handle(request, body, target.bucket(), s3, credentials, clock);
            }
            authorize(request);
            if (target.key().isEmpty()) {
                return switch (request.method()) {
                    case "GET" ->
                        request.queryParameter("list-type").filter("2"::equals).isPresent()
                                        || onlyListParameters(request)
                                ? listObjects(request, target.bucket())
                                : notImplemented(request);
                    case "HEAD" ->
                        AwsResponse.empty(
                                200, Map.of("x-amz-bucket-region", dev.orders.local.template.LocalNames.REGION));
                    default -> notImplemented(request);
                };
            }
            if (!request.query().isEmpty() && !onlyObjectParameters(request)) {
                return notImplemented(request);
            }
            return switch (request.method()) {
                case "PUT" ->
                    request.header("x-amz-copy-source").isPresent()
                            ? copy(request, target)
                            : put(request, target, body);
                case "GET", "HEAD" -> get(request, target);
                case "DELETE" -> {
                    s3.delete(target.bucket(), target.key());
                    yield AwsResponse.empty(204, Map.of());
                }
                default -> notImplemented(request);
            };
        } catch (S3Error error) {
            return error(error, request.path());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Header-signed calls pass (their signatures are not verified here); presigned URLs are verified; the rest is anonymous. */
    private void authorize(AwsRequest request) {
        if (request.header("Authorization").filter(a -> a.startsWith("AWS4-")).isPresent()) {
            return;
        }
        if (PresignedRequest.isPresigned(request)) {
            PresignedRequest.check(request, credentials, clock.instant());
            return;
        }
        throw S3Error.accessDenied("Access Denied");
    }

    private AwsResponse put(AwsRequest request, Target target, InputStream body) throws IOException {
        long declared = request.header("x-amz-decoded-content-length")
                .or(() -> request.header("Content-Length"))
                .map(Long::parseLong)
                .orElse(-1L);
        if (declared > LocalS3.MAX_PUT_BYTES) {
            throw new S3Error(
                    400,
                    "EntityTooLarge",
                    "Your proposed upload exceeds the maximum allowed size",
                    Map.of("MaxSizeAllowed", String.valueOf(LocalS3.MAX_PUT_BYTES)));
        }
        InputStream content = AwsChunkedStream.applies(
                        request.header("Content-Encoding").orElse(null),
                        request.header("x-amz-content-sha256").orElse(null))
                ? new AwsChunkedStream(body)
                : body;
        Optional<byte[]> md5 = request.header("Content-MD5").map(value -> {
            try {
                return Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException notBase64) {
                throw new S3Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
            }
        });
        StoredObject stored = s3.put(
                target.bucket(),
                target.key(),
                content,
                0,
                LocalS3.MAX_PUT_BYTES,
                new LocalS3.Attributes(request.header("Content-Type").orElse(null), userMetadata(request)),
                "ObjectCreated:Put",
                md5);
        if (declared >= 0 && stored.size() != declared) {
            s3.delete(target.bucket(), target.key());
            throw new S3Error(
                    400,
                    "IncompleteBody",
                    "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
        return AwsResponse.empty(200, Map.of("ETag", stored.etag(), "x-amz-server-side-encryption", "AES256"));
    }

    private AwsResponse copy(AwsRequest request, Target target) {
        String source = URLDecoder.decode(request.header("x-amz-copy-source").orElseThrow(), StandardCharsets.UTF_8);
        source = source.startsWith("/") ? source.substring(1) : source;
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw S3Error.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        String sourceBucket = source.substring(0, slash);
        String sourceKey = source.substring(slash + 1).split("\\?versionId=")[0];
        boolean replace = request.header("x-amz-metadata-directive")
                .filter("REPLACE"::equalsIgnoreCase)
                .isPresent();
        Optional<LocalS3.Attributes> attributes = replace
                ? Optional.of(
                        new LocalS3.Attributes(request.header("Content-Type").orElse(null), userMetadata(request)))
                : Optional.empty();
        StoredObject copied = s3.copy(
                sourceBucket,
                sourceKey,
                request.header("x-amz-copy-source-if-match"),
                target.bucket(),
                target.key(),
                attributes);
        return xml(200, Map.of("x-amz-server-side-encryption", "AES256"), w -> {
            w.writeStartElement("CopyObjectResult");
            w.writeDefaultNamespace(NS);
            element(w, "LastModified", isoDate(copied.lastModified()));
            element(w, "ETag", copied.etag());
            w.writeEndElement();
        });
    }

    private AwsResponse get(AwsRequest request, Target target) throws IOException {
        StoredObject object = s3.head(target.bucket(), target.key())
                .orElseThrow(() -> request.method().equals("HEAD")
                        ? new S3Error(404, "NotFound", "Not Found")
                        : S3Error.noSuchKey(target.key()));
        Optional<String> ifMatch = request.header("If-Match");
        if (ifMatch.isPresent() && !LocalS3.etagMatches(ifMatch.get(), object.etag())) {
            throw S3Error.preconditionFailed();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", object.etag());
        headers.put("Last-Modified", HTTP_DATE.format(object.lastModified()));
        headers.put("Accept-Ranges", "bytes");
        headers.put("x-amz-server-side-encryption", "AES256");
        object.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        Optional<String> ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch.isPresent() && LocalS3.etagMatches(ifNoneMatch.get(), object.etag())) {
            return AwsResponse.empty(304, headers);
        }
        long offset = 0;
        long length = object.size();
        int status = 200;
        Optional<String> range = request.header("Range");
        if (range.isPresent()) {
            long[] bounds = range(range.get(), object.size());
            if (bounds != null) {
                offset = bounds[0];
                length = bounds[1] - bounds[0] + 1;
                status = 206;
                headers.put("Content-Range", "bytes " + bounds[0] + "-" + bounds[1] + "/" + object.size());
            }
        }
        if (request.method().equals("HEAD")) {
            headers.put("Content-Length", String.valueOf(length));
            headers.put("Content-Type", object.contentType());
            return AwsResponse.empty(status, headers);
        }
        long from = offset;
        long count = length;
        return AwsResponse.streamed(status, object.contentType(), headers, new AwsResponse.Streamed() {
            @Override
            public long length() {
                return count;
            }

            @Override
            public InputStream open() throws IOException {
                return s3.open(object, from, count);
            }
        });
    }

    /**
     * {@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}: the first range, clamped to the object; null (the whole object)
     * for a header S3 ignores; {@code InvalidRange} (416) when it starts past the end.
     */
    private static long[] range(String header, long size) {
        if (!header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String[] parts = header.substring(6).trim().split("-", -1);
        if (parts.length != 2) {
            return null;
        }
        try {
            if (parts[0].isEmpty()) {
                long suffix = Long.parseLong(parts[1]);
                if (suffix <= 0) {
                    throw invalidRange(size);
                }
                return size == 0 ? null : new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(parts[0]);
            long end = parts[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(parts[1]), size - 1);
            if (start >= size) {
                throw invalidRange(size);
            }
            return end < start ? null : new long[] {start, end};
        } catch (NumberFormatException malformed) {
            return null;
        }
    }

    private static S3Error invalidRange(long size) {
        return new S3Error(
                416,
                "InvalidRange",
                "The requested range is not satisfiable",
                Map.of("ActualObjectSize", String.valueOf(size)));
    }

    private AwsResponse listObjects(AwsRequest request, String bucket) {
        String prefix = request.queryParameter("prefix").orElse("");
        String delimiter = request.queryParameter("delimiter").orElse("");
        int maxKeys;
        try {
            maxKeys = Math.min(
                    1000, Integer.parseInt(request.queryParameter("max-keys").orElse("1000")));
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("Provided max-keys not an integer or within integer range");
        }
        if (maxKeys < 0) {
            throw S3Error.invalidArgument("max-keys must be 0 or more");
        }
        Optional<String> token = request.queryParameter("continuation-token");
        String startAfter = token.map(t -> {
                    try {
                        return new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        throw S3Error.invalidArgument("The continuation token provided is incorrect");
                    }
                })
                .orElseGet(() -> request.queryParameter("start-after").orElse(""));
        boolean url =
                request.queryParameter("encoding-type").filter("url"::equals).isPresent();
        LocalS3.Listing listing = s3.list(bucket, prefix, delimiter, startAfter, maxKeys);
        return xml(200, Map.of(), w -> {
            w.writeStartElement("ListBucketResult");
            w.writeDefaultNamespace(NS);
            element(w, "Name", bucket);
            element(w, "Prefix", encoded(prefix, url));
            if (!delimiter.isEmpty()) {
                element(w, "Delimiter", encoded(delimiter, url));
            }
            element(w, "MaxKeys", String.valueOf(maxKeys));
            if (url) {
                element(w, "EncodingType", "url");
            }
            element(
                    w,
                    "KeyCount",
                    String.valueOf(
                            listing.contents().size() + listing.commonPrefixes().size()));
            element(w, "IsTruncated", String.valueOf(listing.truncated()));
            if (token.isPresent()) {
                element(w, "ContinuationToken", token.get());
            }
            if (listing.truncated()) {
                element(
                        w,
                        "NextContinuationToken",
                        Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(listing.lastKey().getBytes(StandardCharsets.UTF_8)));
            }
            request.queryParameter("start-after").ifPresent(s -> {
                try {
                    element(w, "StartAfter", encoded(s, url));
                } catch (XMLStreamException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (StoredObject object : listing.contents()) {
                w.writeStartElement("Contents");
                element(w, "Key", encoded(object.key(), url));
                element(w, "LastModified", isoDate(object.lastModified()));
                element(w, "ETag", object.etag());
                element(w, "Size", String.valueOf(object.size()));
                element(w, "StorageClass", "STANDARD");
                w.writeEndElement();
            }
            for (String common : listing.commonPrefixes()) {
                w.writeStartElement("CommonPrefixes");
                element(w, "Prefix", encoded(common, url));
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    private AwsResponse listBuckets() {
        return xml(200, Map.of(), w -> {
            w.writeStartElement("ListAllMyBucketsResult");
            w.writeDefaultNamespace(NS);
            w.writeStartElement("Owner");
            element(w, "ID", dev.orders.local.template.LocalNames.ACCOUNT);
            w.writeEndElement();
            w.writeStartElement("Buckets");
            for (String bucket : s3.buckets()) {
                w.writeStartElement("Bucket");
                element(w, "Name", bucket);
                element(w, "CreationDate", "2026-01-01T00:00:00.000Z");
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static boolean onlyListParameters(AwsRequest request) {
        return request.query().isEmpty();
    }

    private static boolean onlyObjectParameters(AwsRequest request) {
        // a presigned URL's X-Amz-* parameters and GetObject's response-* overrides; versionId, uploads, tagging … are
        // not served
        return request.query().keySet().stream()
                .allMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-amz-") || name.startsWith("response-"));
    }

    private static AwsResponse notImplemented(AwsRequest request) {
        return error(
                new S3Error(
                        501,
                        "NotImplemented",
                        "The local S3 does not implement this operation (" + request.method() + " " + request.path()
                                + (request.rawQuery() == null ? "" : "?" + request.rawQuery()) + ")"),
                request.path());
    }

    /** S3's {@code <Error>}: code, message, the elements some errors add, the resource and a request id. */
    static AwsResponse error(S3Error error, String resource) {
        String requestId = java.util
                .UUID
                .randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 16)
                .toUpperCase(Locale.ROOT);
        return xml(error.status(), Map.of("x-amz-request-id", requestId), w -> {
            w.writeStartElement("Error");
            element(w, "Code", error.code());
            element(w, "Message", error.getMessage());
            for (Map.Entry<String, String> detail : error.details().entrySet()) {
                element(w, detail.getKey(), detail.getValue());
            }
            element(w, "Resource", resource);
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }

    static Map<String, String> userMetadata(AwsRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-amz-meta-") && !values.isEmpty()) {
                metadata.put(name.substring("x-amz-meta-".length()).toLowerCase(Locale.ROOT), values.getFirst());
            }
        });
        return metadata;
    }

    record Target(String bucket, String key) {}

    /** Path-style: {@code /bucket/key…}; the key is everything after the bucket's slash, as decoded from the path. */
    static Target target(AwsRequest request) {
        String path = request.path().startsWith("/") ? request.path().substring(1) : request.path();
        int slash = path.indexOf('/');
        return slash < 0 ? new Target(path, "") : new Target(path.substring(0, slash), path.substring(slash + 1));
    }

    private static String encoded(String value, boolean url) {
        return url ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value;
    }

    static String isoDate(Instant at) {
        return ISO_MILLIS.format(at);
    }

    static AwsResponse xml(int status, Map<String, String> headers, AwsErrors.XmlBody body) {
        return AwsErrors.xml(status, headers, body);
    }

    static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        AwsErrors.element(w, name, text);
    }
}
