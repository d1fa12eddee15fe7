package dev.orders.local.lambda;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The one place every invocation of every version passes through, inside its execution environment, around the
 * handler (the function faults of {@code /_local/faults} and {@code ./orders deploy --inject}:
 * {@code dev.orders.local.faults.InjectedFaults}).
 * {@code proceed} runs the handler; an interceptor may delay it (the delay counts in the invocation's duration and
 * against its timeout, as a slow handler's would), or throw instead of running it: a thrown exception is the
 * invocation's function error ({@code Unhandled}), exactly as the handler's own exception would be.
 */
@FunctionalInterface
public interface InvocationInterceptor {

    InvocationInterceptor NONE = (call, proceed) -> proceed.call();

    /**
     * @param call what is invoked: the function, the version that runs, the event as the handler receives it, and the
     *     version's timeout
     */
    byte[] around(Call call, Callable<byte[]> proceed) throws Exception;

    /** One invocation as the interceptor sees it. */
    record Call(String function, String version, byte[] payload, Duration timeout) {}
}
