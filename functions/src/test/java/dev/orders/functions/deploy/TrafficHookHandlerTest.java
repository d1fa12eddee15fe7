package dev.orders.functions.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficHookHandlerTest {

    private record Report(String deploymentId, String executionId, HookStatus status) {}

    private final List<Report> reports = new ArrayList<>();
    private final HookStatusReporter codeDeploy = (d, e, s) -> reports.add(new Report(d, e, s));
    private final Map<String, Object> lifecycleEvent =
            Map.of("DeploymentId", "d-123", "LifecycleEventHookExecutionId", "exec-9");

    @Test
    void a_passing_smoke_check_lets_the_deployment_go_on() {
        var handler = new TrafficHookHandler(() -> new SmokeCheck.Verdict(true, "404"), codeDeploy);

        handler.handleRequest(lifecycleEvent, null);

        assertThat(reports).containsExactly(new Report("d-123", "exec-9", HookStatus.SUCCEEDED));
    }

    @Test
    void a_failing_smoke_check_fails_the_deployment() {
        var handler = new TrafficHookHandler(() -> new SmokeCheck.Verdict(false, "502"), codeDeploy);

        handler.handleRequest(lifecycleEvent, null);

        assertThat(reports).containsExactly(new Report("d-123", "exec-9", HookStatus.FAILED));
    }

    @Test
    void a_smoke_check_that_throws_is_a_failed_check_and_still_reported() {
        var handler = new TrafficHookHandler(
                () -> {
                    throw new IllegalStateException("timeout");
                },
                codeDeploy);

        handler.handleRequest(lifecycleEvent, null);

        assertThat(reports).extracting(Report::status).containsExactly(HookStatus.FAILED);
    }

    @Test
    void an_event_without_ids_cannot_be_answered_and_is_refused() {
        var handler = new TrafficHookHandler(() -> new SmokeCheck.Verdict(true, "ok"), codeDeploy);

        assertThatThrownBy(() -> handler.handleRequest(Map.of("DeploymentId", "d-1"), null))
                .hasMessageContaining("LifecycleEventHookExecutionId");
        assertThat(reports).isEmpty();
    }
}
