package dev.orders.local.asyncinvoke;

import java.util.Optional;

/**
 * A function's ARN as the local runtime names it: account {@code 000000000000}, region {@code us-east-1} (as the local
 * Kinesis stream and alarm topic are named), {@code arn:aws:lambda:us-east-1:000000000000:function:NAME[:QUALIFIER]}.
 */
public final class FunctionArn {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private FunctionArn() {}

    public static String of(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
    }

    public static String of(String function, Optional<String> qualifier) {
        return qualifier.map(q -> of(function) + ":" + q).orElseGet(() -> of(function));
    }
}
