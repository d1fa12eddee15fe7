package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Lambda context an in-process (test) handler sees, from the same maps the bridge reads inside a version. */
record LocalContext(
        String awsRequestId,
        String functionName,
        String version,
        String logStream,
        String invokedArn,
        int memoryMb,
        long deadlineMillis)
        implements Context {

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

    static LocalContext of(Map<String, Object> environment, Map<String, Object> invocation) {
        return new LocalContext(
                (String) invocation.get("requestId"),
                (String) environment.get("functionName"),
                (String) environment.get("version"),
                (String) environment.get("logStream"),
                (String) invocation.get("invokedFunctionArn"),
                ((Number) environment.get("memoryMb")).intValue(),
                ((Number) invocation.get("deadlineMillis")).longValue());
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStream;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return version;
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedArn;
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
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return STDOUT;
    }
}
