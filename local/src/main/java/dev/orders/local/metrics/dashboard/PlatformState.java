package dev.orders.local.metrics.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard shows of the platform besides metrics: queues with their DLQs, stream shards with their
 * iterator age, recent bus events, each function's alias with its versions and weights, and the deployment in
 * progress. The lead wires the implementation to whatever owns each part.
 */
public interface PlatformState {

    record Queue(String name, long visible, long inFlight, Optional<String> deadLetterQueue, long deadLetterMessages) {}

    record Shard(
            String stream,
            String function,
            String shardId,
            Long iteratorAgeMillis,
            String lastResult,
            long inFlightRecords) {}

    record Version(String version, double weight) {}

    record Alias(String function, String alias, List<Version> versions) {}

    /** A deployment's progress: function, from and to version, phase (PreTraffic, Canary 10 %, ...), when it started. */
    record Deployment(
            String function, String fromVersion, String toVersion, String phase, String status, String started) {}

    /** A fault injected into the platform ({@code /_local/faults}): what it does, when it ends (empty: until removed), how often it acted. */
    record Fault(String id, String target, String description, Optional<String> endsAt, long applied) {}

    List<Queue> queues();

    List<Shard> shards();

    /** The newest bus events, newest first, as EventBridge envelopes. */
    List<JsonNode> recentEvents(int limit);

    List<Alias> aliases();

    /** The deployment in progress, if any. */
    Optional<Deployment> deployment();

    /** The faults on now, oldest first. */
    default List<Fault> faults() {
        return List.of();
    }

    /** Said when there is no deployment to show. */
    default String noDeployment() {
        return "no deployments yet";
    }
}
