package dev.orders.functions.deploy;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lifecycle hook run: read the deployment's ids from CodeDeploy's event, run the smoke check (a check that
 * throws is a failed check), report the verdict. Failing to report is thrown, so Lambda's asynchronous retries
 * try again; CodeDeploy fails the deployment if no verdict ever arrives.
 */
final class SmokeHook {

    private static final Logger LOG = LoggerFactory.getLogger(SmokeHook.class);

    private final SmokeCheck check;
    private final HookStatusReporter reporter;

    SmokeHook(SmokeCheck check, HookStatusReporter reporter) {
        this.check = check;
        this.reporter = reporter;
    }

    String run(Map<String, Object> event) {
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
