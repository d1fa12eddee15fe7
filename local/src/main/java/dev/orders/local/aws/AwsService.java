package dev.orders.local.aws;

import java.io.InputStream;

/**
 * One AWS service spoken at the gateway's base URL (Kinesis today; Lambda, CloudWatch and S3 next). The
 * {@link AwsRouter} hands it every request whose SigV4 credential scope names {@link #signingName()}, and
 * every unsigned request it {@link #accepts}. It answers in its own protocol, errors included
 * ({@link AwsErrors} builds each protocol's error shape).
 */
public interface AwsService {

    /** The service name in the SigV4 credential scope: {@code kinesis}, {@code lambda}, {@code monitoring}, {@code s3}. */
    String signingName();

    /**
     * Whether this service serves a request that carries no SigV4 credential (a {@code curl} with an
     * {@code X-Amz-Target}, an S3 browser POST form): decided from the request alone, without side effects.
     */
    boolean accepts(AwsRequest request);

    /** The answer; an exception is a server fault, answered 500 in the service's protocol and logged. */
    AwsResponse handle(AwsRequest request) throws Exception;

    /**
     * Whether this service reads this request's body itself, as a stream (S3 objects, up to gigabytes): the endpoint then
     * hands it {@link #handle(AwsRequest, InputStream)} with the request's head and the unread body, instead of reading
     * the body into memory first. Decided from the head alone (method, path, query, headers).
     */
    default boolean streamsBody(AwsRequest head) {
        return false;
    }

    /** A request whose body {@link #streamsBody} said this service reads itself; {@code head} has an empty body. */
    default AwsResponse handle(AwsRequest head, InputStream body) throws Exception {
        return handle(new AwsRequest(
                head.method(), head.path(), head.rawQuery(), head.query(), head.headers(), body.readAllBytes()));
    }
}
