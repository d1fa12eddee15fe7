package dev.orders.functions.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.deploy.HookStatus;
import dev.orders.functions.deploy.SmokeCheck;
import dev.orders.functions.deploy.TrafficHookHandler;
import dev.orders.functions.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Every line a handler logs carries its request's context (the traffic hooks lacked it). */
class InvocationsTest {

    @Test
    void the_work_runs_with_the_request_id_in_the_logging_context_and_leaves_it_clean() {
        TestContext context = new TestContext("OrderApiFunction").next();
        assertThat(Invocations.logged(context, () -> MDC.get("function_request_id")))
                .isEqualTo("test-request-1");
        assertThat(MDC.get("function_request_id")).isNull();
    }

    @Test
    void the_traffic_hook_runs_its_check_with_its_request_id() {
        List<String> seen = new ArrayList<>();
        SmokeCheck check = () -> {
            seen.add(MDC.get("function_request_id"));
            return new SmokeCheck.Verdict(true, "ok");
        };
        TrafficHookHandler hook = new TrafficHookHandler(
                check, (deployment, execution, status) -> assertThat(status).isEqualTo(HookStatus.SUCCEEDED));
        hook.handleRequest(
                Map.of("DeploymentId", "d-1", "LifecycleEventHookExecutionId", "e-1"),
                new TestContext("PreTrafficHook").next());
        assertThat(seen).containsExactly("test-request-1");
    }
}
