package dev.orders.functions.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Invocations;

import java.util.Map;

/**
 * CodeDeploy's PreTraffic and PostTraffic hook for a canary (one class, two functions in the template): runs
 * the smoke check against the version named by {@code SMOKE_TARGET_FUNCTION} (the new version before any
 * traffic shifts; the {@code live} alias after all of it has) and reports the verdict ({@link SmokeHook}).
 */
public final class TrafficHookHandler implements RequestHandler<Map<String, Object>, String> {

    private final SmokeHook hook;

    public TrafficHookHandler() {
        this(new ApiSmokeCheck(AwsWiring.smokeTarget()), AwsWiring.hookReporter());
    }

    public TrafficHookHandler(SmokeCheck check, HookStatusReporter reporter) {
        this.hook = new SmokeHook(check, reporter);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return Invocations.logged(context, () -> hook.run(event));
    }
}
