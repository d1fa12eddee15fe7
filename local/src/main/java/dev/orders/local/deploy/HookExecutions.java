package dev.orders.local.deploy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lifecycle hook executions CodeDeploy is waiting on: each is opened when its hook function is invoked and closed by
 * the hook's {@code PutLifecycleEventHookExecutionStatus}, or by the deployment giving up on it (the hook's timeout).
 * A status arrives once: a second report, or one after the wait ended, is refused as CodeDeploy refuses it.
 */
public final class HookExecutions {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An execution: its deployment, the hook's lifecycle event, and the status it reports. */
    public record Execution(
            String deploymentId, String executionId, String lifecycleEvent, CompletableFuture<String> status) {}

    /** Why a report is refused: CodeDeploy's exception name and message. */
    public static final class Refused extends RuntimeException {
        final String type;

        Refused(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    /** Deployments known to this runtime (any that ever opened an execution): the others do not exist. */
    private final Map<String, Boolean> deployments = new ConcurrentHashMap<>();

    /** Opens an execution for {@code deploymentId}'s {@code lifecycleEvent} (BeforeAllowTraffic, AfterAllowTraffic). */
    public Execution open(String deploymentId, String lifecycleEvent) {
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        String id = "eyJ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Execution execution = new Execution(deploymentId, id, lifecycleEvent, new CompletableFuture<>());
        deployments.put(deploymentId, true);
        executions.put(id, execution);
        return execution;
    }

    /** The deployment stopped waiting (a timeout, a stop): a report after this is refused. */
    public void close(Execution execution) {
        execution.status().complete("Abandoned");
    }

    /** A hook's report; the execution's waiter hears {@code status}. */
    public void report(String deploymentId, String executionId, String status) {
        if (deploymentId == null || deploymentId.isBlank()) {
            throw new Refused("DeploymentIdRequiredException", "At least one deployment ID must be specified.");
        }
        if (!deploymentId.matches("d-[A-Z0-9]{9}")) {
            throw new Refused(
                    "InvalidDeploymentIdException",
                    "Specified DeploymentId is not in the valid format: " + deploymentId);
        }
        if (!deployments.containsKey(deploymentId)) {
            throw new Refused(
                    "DeploymentDoesNotExistException", "The deployment " + deploymentId + " could not be found.");
        }
        Execution execution = Optional.ofNullable(executionId)
                .map(executions::get)
                .filter(e -> e.deploymentId().equals(deploymentId))
                .orElseThrow(() -> new Refused(
                        "InvalidLifecycleEventHookExecutionIdException",
                        "A lifecycle event hook is invalid. Review the hooks section in your AppSpec file to ensure the lifecycle events "
                                + "and hooks functions are valid."));
        if (!"Succeeded".equals(status) && !"Failed".equals(status)) {
            throw new Refused(
                    "InvalidLifecycleEventHookExecutionStatusException",
                    "The result of a Lambda validation function that verifies a lifecycle event is invalid. It should return "
                            + "Succeeded or Failed. (got " + status + ")");
        }
        if (!execution.status().complete(status)) {
            throw new Refused(
                    "LifecycleEventAlreadyCompletedException",
                    "The lifecycle event " + execution.lifecycleEvent() + " of deployment " + deploymentId
                            + " has already completed.");
        }
    }
}
