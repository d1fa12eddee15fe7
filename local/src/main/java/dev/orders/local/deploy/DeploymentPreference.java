package dev.orders.local.deploy;

import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function's {@code DeploymentPreference} as SAM reads it (Globals applied): the deployment type (parameters
 * resolved), the alarms CodeDeploy watches (by alarm name), and its PreTraffic/PostTraffic hook functions (by the
 * local function name, the logical id). {@code Enabled: false} leaves the function to move all at once.
 */
public record DeploymentPreference(
        String function,
        DeploymentType type,
        List<String> alarms,
        Optional<String> preTraffic,
        Optional<String> postTraffic,
        boolean enabled) {

    /** Every function of the template with a DeploymentPreference, by logical id. */
    public static Map<String, DeploymentPreference> load(LocalNames names) {
        SamTemplate template = names.template();
        Map<String, DeploymentPreference> preferences = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> resource :
                template.resources().entrySet()) {
            if (!"AWS::Serverless::Function"
                    .equals(String.valueOf(resource.getValue().get("Type")))) {
                continue;
            }
            String function = resource.getKey();
            Map<String, Object> preference =
                    SamTemplate.mapOf(template.properties(function).get("DeploymentPreference"));
            if (preference.isEmpty()) {
                continue;
            }
            Object enabled = names.resolve(preference.get("Enabled"));
            List<String> alarms = new ArrayList<>();
            for (Object alarm : SamTemplate.listOf(preference.get("Alarms"))) {
                alarms.add(alarmName(names, alarm));
            }
            Map<String, Object> hooks = SamTemplate.mapOf(preference.get("Hooks"));
            preferences.put(
                    function,
                    new DeploymentPreference(
                            function,
                            DeploymentType.parse(names.string(preference.get("Type"))),
                            List.copyOf(alarms),
                            hook(hooks.get("PreTraffic")),
                            hook(hooks.get("PostTraffic")),
                            enabled == null || Boolean.parseBoolean(String.valueOf(enabled))));
        }
        return preferences;
    }

    /** {@code !Ref SomeAlarm}: its AlarmName, or (as CloudFormation names one without) its logical id here. */
    private static String alarmName(LocalNames names, Object alarm) {
        Optional<String> id = SamTemplate.referencedId(alarm);
        if (id.isPresent() && names.template().type(id.get()).equals("AWS::CloudWatch::Alarm")) {
            Object explicit = names.template().properties(id.get()).get("AlarmName");
            return explicit == null ? id.get() : names.string(explicit);
        }
        return names.string(alarm);
    }

    /** {@code !Ref HookFunction} (the function's name): locally a function is named by its logical id. */
    private static Optional<String> hook(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(SamTemplate.referencedId(value).orElse(String.valueOf(value)));
    }
}
