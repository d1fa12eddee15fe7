package dev.orders.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.aws.AwsErrors;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import dev.orders.local.aws.AwsService;
import java.io.IOException;
import java.util.Map;

/**
 * CodeDeploy's JSON 1.1 protocol ({@code X-Amz-Target: CodeDeploy_20141006.Op}) at the gateway's base URL, for the one
 * call a Lambda deployment's hooks make: {@code PutLifecycleEventHookExecutionStatus}. The hooks reach it through the
 * same SDK v2 signer and HTTP client they use in AWS. Bad input is answered 400 in CodeDeploy's error shape and
 * changes nothing.
 */
public final class CodeDeployApi implements AwsService {

    public static final String SIGNING_NAME = "codedeploy";
    public static final String TARGET_PREFIX = "CodeDeploy_20141006.";

    private final HookExecutions executions;

    public CodeDeployApi(HookExecutions executions) {
        this.executions = executions;
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public boolean accepts(AwsRequest request) {
        return request.header("X-Amz-Target")
                .filter(t -> t.startsWith(TARGET_PREFIX))
                .isPresent();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String target = request.header("X-Amz-Target").orElse("");
        if (!target.startsWith(TARGET_PREFIX)) {
            return error("UnknownOperationException", "X-Amz-Target must name a " + TARGET_PREFIX + " operation");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        if (!operation.equals("PutLifecycleEventHookExecutionStatus")) {
            return error(
                    "UnknownOperationException",
                    operation.replaceAll("[^A-Za-z0-9]", "")
                            + " is not supported by the local CodeDeploy endpoint (supported: PutLifecycleEventHookExecutionStatus)");
        }
        JsonNode body;
        try {
            body = Json.internal().readTree(request.body().length == 0 ? new byte[] {'{', '}'} : request.body());
        } catch (IOException malformed) {
            return error("SerializationException", "the request body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            return error("SerializationException", "the request body is not a JSON object");
        }
        String executionId = text(body, "lifecycleEventHookExecutionId");
        try {
            executions.report(text(body, "deploymentId"), executionId, text(body, "status"));
        } catch (HookExecutions.Refused refused) {
            return error(refused.type, refused.getMessage());
        }
        return AwsResponse.json(200, AwsErrors.JSON_1_1, Map.of("lifecycleEventHookExecutionId", executionId));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static AwsResponse error(String type, String message) {
        return AwsErrors.json(400, AwsErrors.JSON_1_1, type, message);
    }
}
