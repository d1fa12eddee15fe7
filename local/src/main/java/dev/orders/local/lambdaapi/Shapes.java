package dev.orders.local.lambdaapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.asyncinvoke.FunctionArn;
import dev.orders.local.lambda.Alias;
import dev.orders.local.lambda.FunctionInfo;
import dev.orders.local.lambda.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/** The Lambda API's response shapes ({@code FunctionConfiguration}, {@code AliasConfiguration}) built from the local model. */
final class Shapes {

    static final String LATEST = "$LATEST";
    /** Lambda's {@code LastModified}: {@code 2026-11-30T12:00:00.000+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    private Shapes() {}

    /**
     * A version's configuration; {@code arnQualifier} is what its ARN ends with: the version, an alias it was reached
     * through, or none (an unqualified GetFunctionConfiguration answers $LATEST with the unqualified ARN).
     */
    static ObjectNode configuration(Version version, Optional<String> arnQualifier) {
        FunctionInfo info = version.configuration();
        ObjectNode json = Json.internal().createObjectNode();
        json.put("FunctionName", version.functionName());
        json.put("FunctionArn", FunctionArn.of(version.functionName(), arnQualifier));
        json.put("Runtime", info.runtime());
        json.put("Role", "arn:aws:iam::" + FunctionArn.ACCOUNT + ":role/" + version.functionName() + "Role");
        json.put("Handler", info.handler());
        json.put("CodeSize", version.codeSize());
        json.put("Description", version.description() == null ? "" : version.description());
        json.put("Timeout", info.timeout().toSeconds());
        json.put("MemorySize", info.memoryMb());
        json.put("LastModified", lastModified(version.published()));
        json.put("CodeSha256", version.codeSha256());
        json.put("Version", version.version());
        if (!info.environment().isEmpty()) {
            ObjectNode variables = json.putObject("Environment").putObject("Variables");
            info.environment().forEach(variables::put);
        }
        json.putObject("TracingConfig").put("Mode", "PassThrough");
        json.put("RevisionId", revisionId(version));
        json.put("State", "Active");
        json.put("LastUpdateStatus", "Successful");
        json.put("PackageType", "Zip");
        json.putObject("EphemeralStorage").put("Size", info.ephemeralStorageMb());
        boolean published = !version.version().equals(LATEST);
        json.putObject("SnapStart")
                .put("ApplyOn", version.snapStart() ? "PublishedVersions" : "None")
                .put("OptimizationStatus", version.snapStart() && published ? "On" : "Off");
        json.putObject("LoggingConfig").put("LogGroup", "/aws/lambda/" + version.functionName());
        return json;
    }

    static ObjectNode alias(Alias alias) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("AliasArn", FunctionArn.of(alias.functionName(), Optional.of(alias.name())));
        json.put("Name", alias.name());
        json.put("FunctionVersion", alias.functionVersion());
        json.put("Description", "");
        if (!alias.additionalVersionWeights().isEmpty()) {
            ObjectNode weights = json.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            alias.additionalVersionWeights().forEach(weights::put);
        }
        json.put("RevisionId", alias.revisionId());
        return json;
    }

    static String lastModified(Instant instant) {
        return LAST_MODIFIED.format(instant);
    }

    /** Changes whenever the version's code or configuration does, as Lambda's RevisionId does. */
    static String revisionId(Version version) {
        return UUID.nameUUIDFromBytes((version.functionName() + "|" + version.version() + "|" + version.codeSha256()
                                + "|" + version.configuration())
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
