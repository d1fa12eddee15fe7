package dev.orders.local.aws;

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
}
