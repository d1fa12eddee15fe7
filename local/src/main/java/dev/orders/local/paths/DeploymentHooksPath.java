package dev.orders.local.paths;

import dev.orders.functions.deploy.TrafficHookHandler;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * CodeDeploy's lifecycle hook functions (the template's {@code DeploymentPreference.Hooks}): no trigger invokes them;
 * a deployment does, asynchronously, as CodeDeploy does. Their handler runs its production adapters (SDK v2's Lambda
 * client for the smoke check, the SigV4-signed PutLifecycleEventHookExecutionStatus) against the platform's own
 * endpoint, configured as Lambda configures a function: through environment variables, here one map per hook that the
 * platform keeps current (the endpoint once it serves, the version under test per deployment).
 */
public final class DeploymentHooksPath implements TriggerPath {

    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final List<LocalFunction<?, ?>> functions = new ArrayList<>();

    public DeploymentHooksPath(Wiring wiring) {
        SamTemplate template = wiring.template();
        for (String hook : hooks(template)) {
            FunctionSettings settings = FunctionSettings.from(template, hook);
            Map<String, String> environment = new ConcurrentHashMap<>(settings.environment());
            // What Lambda sets in every function's environment; the keys are the local endpoint's, which verifies no
            // signature.
            environment.put("AWS_REGION", LocalNames.REGION);
            environment.put("AWS_DEFAULT_REGION", LocalNames.REGION);
            environment.put("AWS_ACCESS_KEY_ID", "local");
            environment.put("AWS_SECRET_ACCESS_KEY", "local");
            environment.put("AWS_LAMBDA_FUNCTION_NAME", hook);
            environments.put(hook, environment);
            functions.add(wiring.function(
                    FunctionWiring.of(hook, TrafficHookHandler.class).value(environment), Map.class, String.class));
        }
    }

    /** The functions some DeploymentPreference names as a hook, in template order. */
    static Set<String> hooks(SamTemplate template) {
        Set<String> hooks = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Object>> resource :
                template.resources().entrySet()) {
            if (!"AWS::Serverless::Function"
                    .equals(String.valueOf(resource.getValue().get("Type")))) {
                continue;
            }
            SamTemplate.mapOf(SamTemplate.mapOf(
                                    template.properties(resource.getKey()).get("DeploymentPreference"))
                            .get("Hooks"))
                    .values()
                    .forEach(value -> hooks.add(SamTemplate.referencedId(value).orElse(String.valueOf(value))));
        }
        return hooks;
    }

    /** Points every hook's AWS clients at the platform's endpoint (known once it serves). */
    public void endpoint(Supplier<String> url) {
        environments.values().forEach(e -> e.put("AWS_ENDPOINT_URL", url.get()));
    }

    /** A hook's environment variables, which a deployment updates as the stack update would. */
    public Optional<Map<String, String>> environment(String hook) {
        return Optional.ofNullable(environments.get(hook));
    }

    @Override
    public List<LocalFunction<?, ?>> functions() {
        return List.copyOf(functions);
    }
}
