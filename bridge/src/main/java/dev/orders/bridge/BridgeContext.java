package dev.orders.bridge;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Lambda context a handler sees inside its version, built from the runtime's environment and invocation maps. */
final class BridgeContext implements Context {

    private static final LambdaLogger STDOUT = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final Map<String, Object> environment;
    private final Map<String, Object> invocation;

    BridgeContext(Map<String, Object> environment, Map<String, Object> invocation) {
        this.environment = environment;
        this.invocation = invocation;
    }

    private String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    @Override
    public String getAwsRequestId() {
        return text(invocation, "requestId");
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + getFunctionName();
    }

    @Override
    public String getLogStreamName() {
        return text(environment, "logStream");
    }

    @Override
    public String getFunctionName() {
        return text(environment, "functionName");
    }

    @Override
    public String getFunctionVersion() {
        return text(environment, "version");
    }

    @Override
    public String getInvokedFunctionArn() {
        return text(invocation, "invokedFunctionArn");
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, ((Number) invocation.get("deadlineMillis")).longValue() - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return ((Number) environment.get("memoryMb")).intValue();
    }

    @Override
    public LambdaLogger getLogger() {
        return STDOUT;
    }
}
