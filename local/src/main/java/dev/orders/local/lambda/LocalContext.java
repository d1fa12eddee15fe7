package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/** The Lambda context a locally invoked handler sees: request id, names, version and its deadline. */
record LocalContext(String awsRequestId, FunctionSettings settings, String version, long deadlineMillis) implements Context {

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

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + settings.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local/[" + version + "]";
    }

    @Override
    public String getFunctionName() {
        return settings.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return version;
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + settings.logicalId() + ":live";
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
        return settings.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return STDOUT;
    }
}
