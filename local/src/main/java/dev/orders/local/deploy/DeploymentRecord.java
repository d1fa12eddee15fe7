package dev.orders.local.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One function's deployment as kept: which versions, how, how it ended, and what the new version saw.
 *
 * @param status      CodeDeploy's: {@code InProgress}, {@code Succeeded}, {@code Failed} (a hook said so or never answered),
 *                    {@code Stopped} (an alarm, or the run's other deployment failed)
 * @param phase       the lifecycle event it is in or ended in: BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic
 * @param weight      the share of {@code live}'s traffic the new version had when it ended (or has now)
 * @param rolledBack  {@code live} went back to {@code fromVersion}
 * @param timeScale   how much faster than CodeDeploy's clock it ran
 */
public record DeploymentRecord(
        String id,
        String run,
        String function,
        String fromVersion,
        String toVersion,
        String type,
        String status,
        String phase,
        double weight,
        boolean rolledBack,
        String reason,
        Instant started,
        Optional<Instant> ended,
        double timeScale,
        String faults,
        long newInvocations,
        long newErrors,
        long oldInvocations,
        long oldErrors) {

    /**
     * This deployment further on: what changes while it runs (status, phase, weight, rollback, reason, end, each
     * version's counts); the rest (ids, versions, type, start, scale, faults) as it was.
     */
    public DeploymentRecord progressed(
            String status,
            String phase,
            double weight,
            boolean rolledBack,
            String reason,
            Optional<Instant> ended,
            long newInvocations,
            long newErrors,
            long oldInvocations,
            long oldErrors) {
        return new DeploymentRecord(
                id,
                run,
                function,
                fromVersion,
                toVersion,
                type,
                status,
                phase,
                weight,
                rolledBack,
                reason,
                started,
                ended,
                timeScale,
                faults,
                newInvocations,
                newErrors,
                oldInvocations,
                oldErrors);
    }

    public boolean inProgress() {
        return status.equals("InProgress");
    }

    /** Real time it took (so far). */
    public Duration took(Instant now) {
        return Duration.between(started, ended.orElse(now));
    }
}
