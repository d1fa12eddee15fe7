package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.deploy.FunctionInvoker;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

class LambdaFunctionInvokerTest {

    private static final String TARGET = "arn:aws:lambda:eu-west-1:123456789012:function:orders-OrderApi:7";

    @Test
    void it_invokes_the_qualified_version_synchronously_and_returns_error_and_payload() {
        StubHttp http = new StubHttp();
        LambdaFunctionInvoker invoker = new LambdaFunctionInvoker(
                LambdaClient.builder()
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                        .httpClient(http)
                        .overrideConfiguration(c -> c.addExecutionInterceptor(http))
                        .build(),
                TARGET);
        http.answer(200, "{\"statusCode\":404}");

        FunctionInvoker.Invocation invocation = invoker.invoke("{\"path\":\"/orders/x\"}");

        assertThat(invocation).isEqualTo(new FunctionInvoker.Invocation(null, "{\"statusCode\":404}"));
        InvokeRequest request = (InvokeRequest) http.sent().getFirst().request();
        assertThat(request.functionName()).isEqualTo(TARGET);
        assertThat(request.invocationType()).isEqualTo(InvocationType.REQUEST_RESPONSE);
        assertThat(request.payload().asUtf8String()).isEqualTo("{\"path\":\"/orders/x\"}");
    }
}
