package dev.orders.local.objects;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * S3's notification JSON (as {@link LocalS3} writes it and S3 sends it) as the {@code S3Event} the Java runtime would
 * hand the handler (its serialization library builds the same object through the classes' constructors).
 */
public final class S3Events {

    private S3Events() {
    }

    public static S3Event fromJson(byte[] payload) {
        JsonNode root;
        try {
            root = Json.internal().readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("an S3 notification is not JSON", e);
        }
        List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
        for (JsonNode r : root.path("Records")) {
            JsonNode s3 = r.path("s3");
            JsonNode bucket = s3.path("bucket");
            JsonNode object = s3.path("object");
            records.add(new S3EventNotification.S3EventNotificationRecord(r.path("awsRegion").asText(), r.path("eventName").asText(),
                    r.path("eventSource").asText(), r.path("eventTime").asText(), r.path("eventVersion").asText(),
                    new S3EventNotification.RequestParametersEntity(r.path("requestParameters").path("sourceIPAddress").asText()),
                    new S3EventNotification.ResponseElementsEntity(r.path("responseElements").path("x-amz-id-2").asText(),
                            r.path("responseElements").path("x-amz-request-id").asText()),
                    new S3EventNotification.S3Entity(s3.path("configurationId").asText(),
                            new S3EventNotification.S3BucketEntity(bucket.path("name").asText(),
                                    new S3EventNotification.UserIdentityEntity(bucket.path("ownerIdentity").path("principalId").asText()),
                                    bucket.path("arn").asText()),
                            new S3EventNotification.S3ObjectEntity(object.path("key").asText(), object.path("size").asLong(),
                                    object.path("eTag").asText(), object.hasNonNull("versionId") ? object.get("versionId").asText() : null,
                                    object.path("sequencer").asText()),
                            s3.path("s3SchemaVersion").asText()),
                    new S3EventNotification.UserIdentityEntity(r.path("userIdentity").path("principalId").asText())));
        }
        return new S3Event(records);
    }
}
