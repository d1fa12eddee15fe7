package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.functions.deploy.HookStatus;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class CodeDeployHookReporterTest {

    private final StubHttp http = new StubHttp();
    private final CodeDeployHookReporter reporter = new CodeDeployHookReporter(
            http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            Region.EU_WEST_1,
            URI.create("https://codedeploy.eu-west-1.amazonaws.com/"));

    @Test
    void the_verdict_is_sent_as_a_signed_PutLifecycleEventHookExecutionStatus() {
        http.answer(200, "{\"lifecycleEventHookExecutionId\":\"exec-9\"}");

        reporter.report("d-123", "exec-9", HookStatus.FAILED);

        StubHttp.Sent sent = http.sent().getFirst();
        assertThat(sent.http().firstMatchingHeader("X-Amz-Target"))
                .contains("CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus");
        assertThat(sent.http().firstMatchingHeader("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat(sent.http().firstMatchingHeader("Authorization"))
                .hasValueSatisfying(auth -> assertThat(auth)
                        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                        .contains("/eu-west-1/codedeploy/aws4_request"));
        assertThat(sent.body())
                .isEqualTo(
                        "{\"deploymentId\":\"d-123\",\"lifecycleEventHookExecutionId\":\"exec-9\",\"status\":\"Failed\"}");
    }

    @Test
    void a_refused_report_is_an_error_so_the_hook_is_retried() {
        http.answer(400, "{\"__type\":\"LifecycleEventAlreadyCompletedException\"}");

        assertThatThrownBy(() -> reporter.report("d-123", "exec-9", HookStatus.SUCCEEDED))
                .hasMessageContaining("400")
                .hasMessageContaining("LifecycleEventAlreadyCompleted");
    }

    @Test
    void the_default_endpoint_is_the_regional_one_in_the_regions_partition() {
        assertThat(CodeDeployHookReporter.regionalEndpoint(Region.EU_WEST_1))
                .hasToString("https://codedeploy.eu-west-1.amazonaws.com/");
        assertThat(CodeDeployHookReporter.regionalEndpoint(Region.CN_NORTH_1))
                .hasToString("https://codedeploy.cn-north-1.amazonaws.com.cn/");
    }
}
