package dev.orders.functions.deploy;

/** Invokes the function version under test synchronously. */
public interface FunctionInvoker {

    /** What came back: the function's error type when it failed (else null) and its response payload. */
    record Invocation(String functionError, String payload) {}

    Invocation invoke(String payload);
}
