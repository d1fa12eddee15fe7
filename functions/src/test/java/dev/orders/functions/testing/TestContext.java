package dev.orders.functions.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda context a handler gets, for tests and the benchmark: the function's name, and a fresh request id
 * per invocation ({@link #next()}), as Lambda gives each invocation its own. The one copy: functions' tests,
 * the local runtime's tests and bench use it (functions' test-jar).
 */
public final class TestContext implements Context {

    private final String functionName;
    private long invocation;

    public TestContext() {
        this("TestFunction");
    }

    /** {@code name} is a function name or a handler's class name (its simple name is used). */
    public TestContext(String name) {
        this.functionName = name.substring(name.lastIndexOf('.') + 1);
    }

    /** This context for the next invocation: a new request id. */
    public TestContext next() {
        invocation++;
        return this;
    }

    @Override
    public String getAwsRequestId() {
        return "test-request-" + invocation;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:000000000000:function:" + functionName;
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
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
