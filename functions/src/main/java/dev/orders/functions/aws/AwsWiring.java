package dev.orders.functions.aws;

import dev.orders.domain.port.Mailer;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.deploy.FunctionInvoker;
import dev.orders.functions.deploy.HookStatusReporter;
import dev.orders.functions.outbox.EventPublisher;
import dev.orders.functions.payments.PaymentSecrets;
import dev.orders.functions.receipts.ReceiptObjects;
import dev.orders.functions.receipts.ScratchSpace;
import dev.orders.functions.shared.QueueSender;
import dev.orders.functions.shared.UploadLinks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The handlers' production wiring, and the one place that reads their settings: every adapter is built at
 * init from environment variables (through {@link AwsEnvironment}, so outside the handler method and inside
 * SnapStart's snapshot), every SDK client once per execution environment with the shared HTTP client, and
 * each is registered for priming before the snapshot is taken. Handlers call this from their no-argument
 * constructors only.
 */
public final class AwsWiring {

    public static final String PAYMENT_EVENTS_QUEUE_URL = "PAYMENT_EVENTS_QUEUE_URL";
    public static final String PAYMENT_EVENTS_DLQ_URL = "PAYMENT_EVENTS_DLQ_URL";
    public static final String QUARANTINE_QUEUE_URL = "QUARANTINE_QUEUE_URL";
    public static final String FULFILLMENT_HOLD_QUEUE_URL = "FULFILLMENT_HOLD_QUEUE_URL";
    public static final String NOTIFICATIONS_DLQ_URL = "NOTIFICATIONS_DLQ_URL";
    /** The receipts bucket's name (the template's ReceiptsBucket). */
    public static final String RECEIPTS_BUCKET = "RECEIPTS_BUCKET";
    /** The function's EphemeralStorage in MB, as the template sets it: the Receipts function's share of /tmp. */
    public static final String EPHEMERAL_STORAGE_MB = "EPHEMERAL_STORAGE_MB";
    /** How long a fulfillment record for an unpaid order is held before it is quarantined. */
    public static final String PAYMENT_WAIT_SECONDS = "PAYMENT_WAIT_SECONDS";

    private static final AwsEnvironment ENVIRONMENT = AwsEnvironment.system();

    private AwsWiring() {}

    public static OrderStore orderStore() {
        return StoreHolder.STORE;
    }

    /** The SQS queue whose URL the named environment variable holds. */
    public static QueueSender queue(String urlVariable) {
        SqsQueueSender sender = new SqsQueueSender(SqsHolder.CLIENT, ENVIRONMENT.required(urlVariable));
        Priming.register("queue " + urlVariable, sender::prime);
        return sender;
    }

    /** Poison and never-paid fulfillment records, on the FulfillmentQuarantineQueue. */
    public static Quarantine fulfillmentQuarantine() {
        return new SqsQuarantine(queue(QUARANTINE_QUEUE_URL));
    }

    public static Duration paymentWait() {
        String seconds = ENVIRONMENT.required(PAYMENT_WAIT_SECONDS);
        try {
            return Duration.ofSeconds(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(PAYMENT_WAIT_SECONDS + " must be a whole number of seconds: " + seconds, e);
        }
    }

    /** In AWS the template passes both from Secrets Manager into the environment. */
    public static PaymentSecrets paymentSecrets() {
        return new PaymentSecrets(
                ENVIRONMENT.required(PaymentSecrets.CURRENT_VARIABLE),
                ENVIRONMENT.optional(PaymentSecrets.PREVIOUS_VARIABLE));
    }

    public static Mailer mailer() {
        return MailHolder.MAILER;
    }

    public static EventPublisher eventPublisher() {
        return PublisherHolder.PUBLISHER;
    }

    /** The receipts bucket, for the Receipts function. */
    public static ReceiptObjects receiptObjects() {
        S3ReceiptObjects objects = new S3ReceiptObjects(S3Holder.CLIENT, ENVIRONMENT.required(RECEIPTS_BUCKET));
        Priming.register("receipts bucket", objects::prime);
        return objects;
    }

    /** Presigned upload forms and thumbnail links of the receipts bucket, for the order API. */
    public static UploadLinks uploadLinks() {
        S3UploadLinks links = new S3UploadLinks(
                S3Holder::presigner, // on the first receipt route (or the priming): not in POST /orders's cold start
                ENVIRONMENT.credentials(),
                ENVIRONMENT.region(),
                ENVIRONMENT.required(RECEIPTS_BUCKET),
                ENVIRONMENT.endpoint("S3"),
                Clock.systemUTC());
        Priming.register("receipt links", links::prime);
        return links;
    }

    /** /tmp (Lambda's ephemeral storage), bounded by the template's EphemeralStorage. */
    public static ScratchSpace scratchSpace() {
        String megabytes = ENVIRONMENT.required(EPHEMERAL_STORAGE_MB);
        try {
            return new ScratchSpace(
                    Path.of(System.getProperty("java.io.tmpdir"), "receipts"), Long.parseLong(megabytes) * 1024 * 1024);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(EPHEMERAL_STORAGE_MB + " must be a whole number of MB: " + megabytes, e);
        }
    }

    /**
     * The function version or alias a deployment hook checks (SMOKE_TARGET_FUNCTION). The hooks' clients are not
     * primed: a hook runs once per deployment, and a read-only Lambda or CodeDeploy call would need IAM rights the
     * hooks do not otherwise have.
     */
    public static FunctionInvoker smokeTarget() {
        return LambdaFunctionInvoker.fromEnvironment(ENVIRONMENT);
    }

    public static HookStatusReporter hookReporter() {
        return CodeDeployHookReporter.fromEnvironment(ENVIRONMENT);
    }

    private static final class DynamoHolder {
        static final DynamoDbClient CLIENT = ENVIRONMENT.build(DynamoDbClient.builder(), "DYNAMODB");
    }

    private static final class StoreHolder {
        static final DynamoDbOrderStore STORE = new DynamoDbOrderStore(
                DynamoHolder.CLIENT, ENVIRONMENT.required(OrdersTable.TABLE_NAME_VARIABLE), Clock.systemUTC());

        static {
            Priming.register("orders table", STORE::prime);
        }
    }

    /** Path-style addressing against an endpoint override (an emulator, the local runtime), virtual-hosted in AWS. */
    private static final class S3Holder {
        static final S3Client CLIENT = ENVIRONMENT.build(
                S3Client.builder().forcePathStyle(ENVIRONMENT.endpoint("S3").isPresent()), "S3");

        static S3Presigner presigner() {
            S3Presigner.Builder builder = S3Presigner.builder()
                    .region(ENVIRONMENT.region())
                    .credentialsProvider(ENVIRONMENT.credentials())
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(ENVIRONMENT.endpoint("S3").isPresent())
                            .build());
            ENVIRONMENT.endpoint("S3").ifPresent(builder::endpointOverride);
            return builder.build();
        }
    }

    private static final class SqsHolder {
        static final SqsClient CLIENT = ENVIRONMENT.build(SqsClient.builder(), "SQS");
    }

    private static final class MailHolder {
        static final SesMailer MAILER = new SesMailer(
                ENVIRONMENT.build(SesV2Client.builder(), "SESV2"),
                ENVIRONMENT.required(SesMailer.SENDER_VARIABLE),
                new DynamoDbNotificationClaims(
                        DynamoHolder.CLIENT, ENVIRONMENT.required(OrdersTable.TABLE_NAME_VARIABLE), Clock.systemUTC()));

        static {
            Priming.register("mail provider", MAILER::prime);
        }
    }

    private static final class PublisherHolder {
        static final EventBridgePublisher PUBLISHER = EventBridgePublisher.fromEnvironment(ENVIRONMENT);

        static {
            Priming.register("event bus", PUBLISHER::prime);
        }
    }
}
