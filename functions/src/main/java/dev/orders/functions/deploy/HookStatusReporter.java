package dev.orders.functions.deploy;

/** CodeDeploy, as a hook sees it: the deployment waits until the hook reports. */
public interface HookStatusReporter {

    void report(String deploymentId, String lifecycleEventHookExecutionId, HookStatus status);
}
