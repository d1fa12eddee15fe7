package dev.orders.functions.aws;

import dev.orders.functions.deploy.FunctionInvoker;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Synchronous Invoke of one function version or alias, by its qualified ARN. */
public final class LambdaFunctionInvoker implements FunctionInvoker {

    public static final String TARGET_VARIABLE = "SMOKE_TARGET_FUNCTION";

    private final LambdaClient lambda;
    private final String qualifiedArn;

    public LambdaFunctionInvoker(LambdaClient lambda, String qualifiedArn) {
        this.lambda = lambda;
        this.qualifiedArn = qualifiedArn;
    }

    public static LambdaFunctionInvoker fromEnvironment(AwsEnvironment environment) {
        return new LambdaFunctionInvoker(
                environment.build(LambdaClient.builder(), "LAMBDA"), environment.required(TARGET_VARIABLE));
    }

    @Override
    public Invocation invoke(String payload) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(qualifiedArn)
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromUtf8String(payload)));
        return new Invocation(
                response.functionError(),
                response.payload() == null ? null : response.payload().asUtf8String());
    }
}
