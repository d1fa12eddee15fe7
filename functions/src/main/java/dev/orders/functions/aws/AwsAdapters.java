package dev.orders.functions.aws;

import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;

/**
 * Builds the AWS adapters the handlers' no-argument constructors use, from environment variables.
 * The DynamoDB adapter arrives with the deployment work (issue 5); until then a handler built for AWS
 * fails at construction with this message, never at request time.
 */
public final class AwsAdapters {

    private AwsAdapters() {
    }

    public static OrderStore orderStore() {
        throw new IllegalStateException("no AWS OrderStore adapter is wired yet (issue 5)");
    }

    /** The SQS adapter for FulfillmentQuarantineQueue arrives with the deployment work, like the store's. */
    public static Quarantine fulfillmentQuarantine() {
        throw new IllegalStateException("no AWS Quarantine adapter is wired yet (issue 5)");
    }
}
