package dev.orders.functions.aws;

import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.deploy.FunctionInvoker;
import dev.orders.functions.deploy.HookStatusReporter;
import dev.orders.functions.outbox.EventPublisher;

/**
 * The handlers' production wiring: one adapter of each kind per execution environment, built at init from
 * environment variables (so outside the handler method and inside SnapStart's snapshot) and primed before
 * the snapshot is taken. Handlers call this from their no-argument constructors only.
 */
public final class AwsWiring {

    private AwsWiring() {
    }

    public static OrderStore orderStore() {
        return StoreHolder.STORE;
    }

    /** Poison records of the fulfillment stream, on the FulfillmentQuarantineQueue. */
    public static Quarantine fulfillmentQuarantine() {
        return new SqsQuarantine(AwsQueues.sender(AwsQueues.QUARANTINE_QUEUE_URL));
    }

    public static EventPublisher eventPublisher() {
        return PublisherHolder.PUBLISHER;
    }

    /** The function version or alias a deployment hook checks (SMOKE_TARGET_FUNCTION). */
    public static FunctionInvoker smokeTarget() {
        return LambdaFunctionInvoker.fromEnvironment(AwsEnvironment.system());
    }

    public static HookStatusReporter hookReporter() {
        return CodeDeployHookReporter.fromEnvironment(AwsEnvironment.system());
    }

    private static final class StoreHolder {
        static final DynamoDbOrderStore STORE = DynamoDbOrderStore.fromEnvironment(AwsEnvironment.system());

        static {
            Priming.register("orders table", STORE::prime);
        }
    }

    private static final class PublisherHolder {
        static final EventBridgePublisher PUBLISHER = EventBridgePublisher.fromEnvironment(AwsEnvironment.system());

        static {
            Priming.register("event bus", PUBLISHER::prime);
        }
    }
}
