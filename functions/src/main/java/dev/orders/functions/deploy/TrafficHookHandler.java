package dev.orders.functions.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.orders.functions.aws.AwsWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * CodeDeploy's PreTraffic and PostTraffic hook for a canary (one class, two functions in the template): runs
 * the smoke check against the version named by {@code SMOKE_TARGET_FUNCTION} (the new version before any
 * traffic shifts; the {@code live} alias after all of it has) and reports the verdict. A check that throws is a
 * failed check. Failing to report is thrown, so Lambda's asynchronous retries try again; CodeDeploy fails the
 * deployment if no verdict ever arrives.
 */
public final class TrafficHookHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficHookHandler.class);

    private final SmokeCheck check;
    private final HookStatusReporter reporter;

    public TrafficHookHandler() {
        this(new ApiSmokeCheck(AwsWiring.smokeTarget()), AwsWiring.hookReporter());
    }

    public TrafficHookHandler(SmokeCheck check, HookStatusReporter reporter) {
        this.check = check;
        this.reporter = reporter;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String deploymentId = required(event, "DeploymentId");
        String executionId = required(event, "LifecycleEventHookExecutionId");
        SmokeCheck.Verdict verdict;
        try {
            verdict = check.run();
        } catch (RuntimeException e) {
            verdict = new SmokeCheck.Verdict(false, "smoke check threw " + e);
        }
        HookStatus status = verdict.passed() ? HookStatus.SUCCEEDED : HookStatus.FAILED;
        LOG.info("deployment {}: smoke check {}: {}", deploymentId, status.apiValue(), verdict.detail());
        reporter.report(deploymentId, executionId, status);
        return status.apiValue();
    }

    private static String required(Map<String, Object> event, String name) {
        Object value = event == null ? null : event.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("not a CodeDeploy lifecycle event: " + name + " is missing");
        }
        return text;
    }
}
