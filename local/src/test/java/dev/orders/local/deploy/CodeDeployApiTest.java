package dev.orders.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.orders.functions.shared.Json;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** PutLifecycleEventHookExecutionStatus as the hooks call it, and every way CodeDeploy refuses one. */
class CodeDeployApiTest {

    private final HookExecutions executions = new HookExecutions();
    private final CodeDeployApi api = new CodeDeployApi(executions);

    @Test
    void a_hook_status_reaches_the_waiting_deployment_once() throws Exception {
        HookExecutions.Execution execution = executions.open("d-ABCDEFGH1", "BeforeAllowTraffic");
        AwsResponse answer =
                put("PutLifecycleEventHookExecutionStatus", "d-ABCDEFGH1", execution.executionId(), "Succeeded");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer).path("lifecycleEventHookExecutionId").asText()).isEqualTo(execution.executionId());
        assertThat(execution.status().getNow(null)).isEqualTo("Succeeded");
        assertError(
                put("PutLifecycleEventHookExecutionStatus", "d-ABCDEFGH1", execution.executionId(), "Failed"),
                "LifecycleEventAlreadyCompletedException");
        assertThat(execution.status().getNow(null))
                .as("the first status stands")
                .isEqualTo("Succeeded");
    }

    @Test
    void a_report_after_the_deployment_gave_up_is_refused() {
        HookExecutions.Execution execution = executions.open("d-ABCDEFGH2", "AfterAllowTraffic");
        executions.close(execution);
        assertError(
                put("PutLifecycleEventHookExecutionStatus", "d-ABCDEFGH2", execution.executionId(), "Succeeded"),
                "LifecycleEventAlreadyCompletedException");
    }

    @Test
    void bad_reports_are_refused_in_codedeploys_error_shape_and_change_nothing() {
        HookExecutions.Execution execution = executions.open("d-ABCDEFGH3", "BeforeAllowTraffic");
        assertError(
                put("PutLifecycleEventHookExecutionStatus", null, execution.executionId(), "Succeeded"),
                "DeploymentIdRequiredException");
        assertError(
                put("PutLifecycleEventHookExecutionStatus", "deployment-1", execution.executionId(), "Succeeded"),
                "InvalidDeploymentIdException");
        assertError(
                put("PutLifecycleEventHookExecutionStatus", "d-ZZZZZZZZZ", execution.executionId(), "Succeeded"),
                "DeploymentDoesNotExistException");
        assertError(
                put("PutLifecycleEventHookExecutionStatus", "d-ABCDEFGH3", "eyJnope", "Succeeded"),
                "InvalidLifecycleEventHookExecutionIdException");
        assertError(
                put("PutLifecycleEventHookExecutionStatus", "d-ABCDEFGH3", execution.executionId(), "Pending"),
                "InvalidLifecycleEventHookExecutionStatusException");
        assertError(
                put("CreateDeployment", "d-ABCDEFGH3", execution.executionId(), "Succeeded"),
                "UnknownOperationException");
        assertError(
                api.handle(request("CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus", "{not json")),
                "SerializationException");
        assertThat(execution.status()).as("still waiting").isNotDone();
    }

    @Test
    void it_serves_unsigned_calls_that_name_its_target_only() {
        assertThat(api.accepts(request("CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus", "{}")))
                .isTrue();
        assertThat(api.accepts(request("Kinesis_20131202.PutRecord", "{}"))).isFalse();
        assertThat(api.signingName()).isEqualTo("codedeploy");
    }

    private AwsResponse put(String operation, String deploymentId, String executionId, String status) {
        var body = Json.internal().createObjectNode();
        if (deploymentId != null) {
            body.put("deploymentId", deploymentId);
        }
        body.put("lifecycleEventHookExecutionId", executionId).put("status", status);
        return api.handle(request("CodeDeploy_20141006." + operation, body.toString()));
    }

    private static AwsRequest request(String target, String body) {
        Headers headers = new Headers();
        headers.add("X-Amz-Target", target);
        headers.add("Content-Type", "application/x-amz-json-1.1");
        return AwsRequest.of("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(AwsResponse answer, String type) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer).path("__type").asText()).isEqualTo(type);
    }

    private static JsonNode json(AwsResponse answer) {
        try {
            return Json.internal().readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
