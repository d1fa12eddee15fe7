package dev.orders.functions.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.orders.functions.aws.AwsEnvironment;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.aws.CodeDeployHookReporter;
import dev.orders.functions.aws.LambdaFunctionInvoker;
import dev.orders.functions.shared.Invocations;
import java.util.Map;

/**
 * CodeDeploy's PreTraffic and PostTraffic hook for a canary (one class, two functions in the template): runs
 * the smoke check against the version named by {@code SMOKE_TARGET_FUNCTION} (the new version before any
 * traffic shifts; the {@code live} alias after all of it has) and reports the verdict ({@link SmokeHook}).
 */
public final class TrafficHookHandler implements RequestHandler<Map<String, Object>, String> {

    private final SmokeHook hook;
    private final Map<String, String> environment;
    /** The adapters built from the environment as it was last read, until it changes. */
    private Map<String, String> builtFrom;

    private SmokeHook built;

    public TrafficHookHandler() {
        this(new ApiSmokeCheck(AwsWiring.smokeTarget()), AwsWiring.hookReporter());
    }

    public TrafficHookHandler(SmokeCheck check, HookStatusReporter reporter) {
        this.hook = new SmokeHook(check, reporter);
        this.environment = null;
    }

    /**
     * The local runtime's: the function's environment variables as a map the runtime keeps current (its endpoint is
     * known once it serves; {@code SMOKE_TARGET_FUNCTION} names each deployment's new version, as the stack update
     * sets it in AWS). The same production adapters are built from it, per invocation: a hook runs once per deployment.
     */
    public TrafficHookHandler(Map<String, String> environment) {
        this.hook = null;
        this.environment = environment;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return Invocations.logged(context, () -> current().run(event));
    }

    private synchronized SmokeHook current() {
        if (hook != null) {
            return hook;
        }
        Map<String, String> now = Map.copyOf(environment);
        if (!now.equals(builtFrom)) {
            built = fromEnvironment(new AwsEnvironment(now));
            builtFrom = now;
        }
        return built;
    }

    private static SmokeHook fromEnvironment(AwsEnvironment environment) {
        return new SmokeHook(
                new ApiSmokeCheck(LambdaFunctionInvoker.fromEnvironment(environment)),
                CodeDeployHookReporter.fromEnvironment(environment));
    }
}
