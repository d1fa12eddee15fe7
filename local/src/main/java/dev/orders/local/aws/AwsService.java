package dev.orders.local.aws;

/**
 * One AWS service served at the runtime's base URL (provisional copy of the router contract; the lead
 * reconciles it with the router package at merge).
 */
public interface AwsService {

    /** The SigV4 credential scope's service name clients sign for ({@code monitoring} for CloudWatch). */
    String signingName();

    /** For requests without a SigV4 credential: whether this service speaks them. */
    boolean accepts(AwsRequest request);

    AwsResponse handle(AwsRequest request) throws Exception;
}
