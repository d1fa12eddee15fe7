package dev.orders.functions.receipts;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** S3 object-created notifications as S3 sends them to Lambda: the key URL-encoded, the ETag without quotes. */
public final class ReceiptEvents {

    private ReceiptEvents() {}

    public static S3Event created(String key, long size, String etag) {
        var object = new S3EventNotification.S3ObjectEntity(
                URLEncoder.encode(key, StandardCharsets.UTF_8), size, etag, null, "0055AED6DCD90281E5");
        var bucket = new S3EventNotification.S3BucketEntity(
                "receiptsbucket", new S3EventNotification.UserIdentityEntity("LOCAL"), "arn:aws:s3:::receiptsbucket");
        var s3 = new S3EventNotification.S3Entity("ReceiptUploads", bucket, object, "1.0");
        return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord(
                "us-east-1",
                "ObjectCreated:Post",
                "aws:s3",
                "2026-11-27T12:00:00.000Z",
                "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("id-2", "req-1"),
                s3,
                new S3EventNotification.UserIdentityEntity("LOCAL"))));
    }
}
