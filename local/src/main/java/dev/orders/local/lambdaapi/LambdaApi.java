package dev.orders.local.lambdaapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import dev.orders.local.aws.AwsService;
import dev.orders.local.lambda.Alias;
import dev.orders.local.lambda.AsyncInvocations;
import dev.orders.local.lambda.FunctionInfo;
import dev.orders.local.lambda.Invocation;
import dev.orders.local.lambda.LambdaException;
import dev.orders.local.lambda.LocalLambda;
import dev.orders.local.lambda.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subset of Lambda's REST-JSON API at the gateway's base URL, so the AWS CLI and SDK v2 work with
 * {@code --endpoint-url}: Invoke (RequestResponse, Event through {@link AsyncInvocations}, DryRun), ListFunctions,
 * GetFunction, GetFunctionConfiguration, PublishVersion, ListVersionsByFunction, GetAlias, ListAliases, UpdateAlias,
 * DeleteFunction of a version, and Get/Put/DeleteFunctionConcurrency. The model behind it is {@link LocalLambda};
 * errors have Lambda's types, statuses and body. Deleting a whole function is refused: the functions are the template's.
 */
public final class LambdaApi implements AwsService {

    public static final String SIGNING_NAME = "lambda";
    /** Lambda's synchronous payload limit. */
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;

    static final int DEFAULT_PAGE = 50;
    private static final Pattern PATH =
            Pattern.compile("/(\\d{4}-\\d{2}-\\d{2})/functions(?:/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?)?/?");
    private static final Pattern VERSION_NUMBER = Pattern.compile("[0-9]+");
    private static final String ALIAS_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    private static final JsonFactory PAYLOADS = JsonFactory.builder().build();
    private static final String SUPPORTED =
            "Invoke, ListFunctions, GetFunction, GetFunctionConfiguration, PublishVersion, "
                    + "ListVersionsByFunction, GetAlias, ListAliases, UpdateAlias, DeleteFunction (a version), GetFunctionConcurrency, "
                    + "PutFunctionConcurrency, DeleteFunctionConcurrency";

    private final LocalLambda lambda;
    private final AsyncInvocations async;
    private final VersionsInUse inUse;

    public LambdaApi(LocalLambda lambda, AsyncInvocations async, VersionsInUse inUse) {
        this.lambda = lambda;
        this.async = async;
        this.inUse = inUse;
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    /** An unsigned call (a hand-made {@code curl}) is Lambda's when its path is one of Lambda's: {@code /2015-03-31/functions…}. */
    @Override
    public boolean accepts(AwsRequest request) {
        return PATH.matcher(request.path()).matches();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String requestId = UUID.randomUUID().toString();
        try {
            return withRequestId(route(request, requestId), requestId);
        } catch (ApiError refused) {
            return LambdaErrors.of(refused, requestId);
        } catch (LambdaException refused) {
            return LambdaErrors.of(ApiError.of(refused), requestId);
        }
    }

    private AwsResponse route(AwsRequest request, String requestId) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            throw unknownOperation(request);
        }
        String api = path.group(1);
        String function = path.group(2);
        String resource = path.group(3);
        String aliasName = path.group(4);
        String method = request.method();
        Optional<String> qualifier = request.queryParameter("Qualifier");
        if (function == null) {
            if (api.equals("2015-03-31") && method.equals("GET")) {
                return listFunctions(request);
            }
            throw unknownOperation(request);
        }
        String operation =
                api + " " + method + " " + (resource == null ? "" : resource) + (aliasName == null ? "" : "/");
        return switch (operation) {
            case "2015-03-31 GET " -> getFunction(FunctionReference.parse(function, qualifier));
            case "2015-03-31 DELETE " -> deleteFunction(FunctionReference.parse(function, qualifier));
            case "2015-03-31 GET configuration" ->
                getFunctionConfiguration(FunctionReference.parse(function, qualifier));
            case "2015-03-31 POST invocations" ->
                invoke(request, FunctionReference.parse(function, qualifier), requestId);
            case "2015-03-31 POST versions" ->
                publishVersion(request, FunctionReference.parse(function, Optional.empty()));
            case "2015-03-31 GET versions" ->
                listVersions(request, FunctionReference.parse(function, Optional.empty()));
            case "2015-03-31 GET aliases" -> listAliases(request, FunctionReference.parse(function, Optional.empty()));
            case "2015-03-31 GET aliases/" -> getAlias(FunctionReference.parse(function, Optional.empty()), aliasName);
            case "2015-03-31 PUT aliases/" ->
                updateAlias(request, FunctionReference.parse(function, Optional.empty()), aliasName);
            case "2019-09-30 GET concurrency" -> getConcurrency(FunctionReference.parse(function, Optional.empty()));
            case "2017-10-31 PUT concurrency" ->
                putConcurrency(request, FunctionReference.parse(function, Optional.empty()));
            case "2017-10-31 DELETE concurrency" ->
                deleteConcurrency(FunctionReference.parse(function, Optional.empty()));
            default -> throw unknownOperation(request);
        };
    }

    private static ApiError unknownOperation(AwsRequest request) {
        return new ApiError(
                "UnknownOperationException",
                400,
                request.method() + " " + request.path().replaceAll("[^A-Za-z0-9/$:._-]", "?")
                        + " is not an operation the local Lambda endpoint serves (served: " + SUPPORTED + ")",
                Optional.empty());
    }

    // ---------------------------------------------------------------- invoke

    private AwsResponse invoke(AwsRequest request, FunctionReference function, String requestId) {
        String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
        String logType = request.header("X-Amz-Log-Type").orElse("None");
        if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
            throw ApiError.validation(
                    type, "invocationType", "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
        if (!List.of("None", "Tail").contains(logType)) {
            throw ApiError.validation(logType, "logType", "Member must satisfy enum value set: [None, Tail]");
        }
        byte[] payload = request.body();
        if (payload.length > MAX_SYNC_PAYLOAD) {
            throw new ApiError(
                    "RequestTooLargeException",
                    413,
                    "Request must be smaller than " + MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation",
                    Optional.empty());
        }
        checkJson(payload);
        return switch (type) {
            case "Event" -> {
                String eventId = async.enqueue(function.name(), function.qualifier(), payload);
                yield AwsResponse.empty(202, Map.of("x-amzn-RequestId", eventId));
            }
            case "DryRun" -> {
                resolve(function);
                yield AwsResponse.empty(204, Map.of());
            }
            default -> {
                Invocation invocation = lambda.invoke(function.name(), function.qualifier(), payload, requestId);
                Map<String, String> headers = new HashMap<>();
                headers.put("X-Amz-Executed-Version", invocation.executedVersion());
                invocation.functionError().ifPresent(error -> headers.put("X-Amz-Function-Error", error));
                if (logType.equals("Tail")) {
                    headers.put("X-Amz-Log-Result", logResult(invocation.logTail()));
                }
                yield new AwsResponse(invocation.status(), "application/json", headers, invocation.payload());
            }
        };
    }

    /** Lambda refuses a payload that is not JSON before anything runs; an empty payload is allowed. */
    private static void checkJson(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try (JsonParser parser = PAYLOADS.createParser(payload)) {
            if (parser.nextToken() == null) {
                return;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw ApiError.invalidContent(
                        "Could not parse request body into json: Could not parse payload into json: "
                                + "Unexpected content after the JSON value");
            }
        } catch (JacksonException malformed) {
            throw ApiError.invalidContent("Could not parse request body into json: Could not parse payload into json: "
                    + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw ApiError.invalidContent("Could not parse request body into json: the payload cannot be read");
        }
    }

    /** {@code X-Amz-Log-Result}: the last 4 KB of the log, base64. */
    private static String logResult(String log) {
        byte[] bytes = (log == null ? "" : log).getBytes(StandardCharsets.UTF_8);
        byte[] tail = bytes.length <= 4096 ? bytes : Arrays.copyOfRange(bytes, bytes.length - 4096, bytes.length);
        return Base64.getEncoder().encodeToString(tail);
    }

    // ---------------------------------------------------------------- functions and versions

    private AwsResponse listFunctions(AwsRequest request) {
        Optional<String> functionVersion = request.queryParameter("FunctionVersion");
        if (functionVersion.isPresent() && !functionVersion.get().equals("ALL")) {
            throw ApiError.validation(
                    functionVersion.get(), "functionVersion", "Member must satisfy enum value set: [ALL]");
        }
        List<ObjectNode> all = new ArrayList<>();
        for (FunctionInfo function : lambda.functions()) {
            if (functionVersion.isPresent()) {
                lambda.versions(function.name())
                        .forEach(v -> all.add(Shapes.configuration(v, Optional.of(v.version()))));
            } else {
                all.add(Shapes.configuration(latest(function.name()), Optional.empty()));
            }
        }
        return page(request, all, "Functions");
    }

    private AwsResponse getFunction(FunctionReference function) {
        Version version = resolve(function);
        ObjectNode json = Json.internal().createObjectNode();
        json.set("Configuration", Shapes.configuration(version, function.qualifier()));
        // Locally the code is a build of the repository, not a zip in S3: no presigned Location to download it from.
        json.putObject("Code").put("RepositoryType", "S3");
        OptionalInt reserved = lambda.reservedConcurrency(function.name());
        if (reserved.isPresent()) {
            json.putObject("Concurrency").put("ReservedConcurrentExecutions", reserved.getAsInt());
        }
        return ok(json);
    }

    /** The ARN names what was asked for: the unqualified ARN for $LATEST asked without a qualifier, else the qualifier given. */
    private AwsResponse getFunctionConfiguration(FunctionReference function) {
        return ok(Shapes.configuration(resolve(function), function.qualifier()));
    }

    private AwsResponse publishVersion(AwsRequest request, FunctionReference function) {
        function.unqualified("PublishVersion");
        JsonNode body = body(request);
        Optional<String> description = text(body, "Description");
        if (description.isPresent() && description.get().length() > 256) {
            throw ApiError.validation(
                    description.get(), "description", "Member must have length less than or equal to 256");
        }
        Version latest = latest(function.name());
        Optional<String> codeSha256 = text(body, "CodeSha256");
        if (codeSha256.isPresent() && !codeSha256.get().equals(latest.codeSha256())) {
            throw ApiError.invalidParameter(
                    "CodeSHA256 (" + codeSha256.get() + ") is different from current CodeSHA256 in $LATEST ("
                            + latest.codeSha256() + "). Please try again.");
        }
        Optional<String> revisionId = text(body, "RevisionId");
        if (revisionId.isPresent() && !revisionId.get().equals(Shapes.revisionId(latest))) {
            throw preconditionFailed();
        }
        Version published = lambda.publishVersion(function.name(), description);
        return AwsResponse.json(
                201, "application/json", Shapes.configuration(published, Optional.of(published.version())));
    }

    private AwsResponse listVersions(AwsRequest request, FunctionReference function) {
        function.unqualified("ListVersionsByFunction");
        lambda.function(function.name());
        List<ObjectNode> versions = lambda.versions(function.name()).stream()
                .map(v -> Shapes.configuration(v, Optional.of(v.version())))
                .toList();
        return page(request, versions, "Versions");
    }

    /** Only a version can be deleted here; the function itself belongs to the template. */
    private AwsResponse deleteFunction(FunctionReference function) {
        lambda.function(function.name());
        String version = function.qualifier()
                .orElseThrow(() -> ApiError.invalidParameter(
                        "The local runtime runs the functions of " + "infra/template.yaml and does not delete "
                                + function.name() + " itself: pass Qualifier (a version number) to delete a version"));
        if (version.equals(Shapes.LATEST)) {
            throw ApiError.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
        }
        if (!VERSION_NUMBER.matcher(version).matches()) {
            throw ApiError.invalidParameter(
                    "Qualifier " + version + " is not a version number; an alias is deleted with DeleteAlias, "
                            + "which the local endpoint does not serve");
        }
        String reason = inUse.of(function.name()).get(version);
        if (reason != null) {
            throw new ApiError(
                    "ResourceConflictException",
                    409,
                    "Version " + version + " of " + function.name() + " is in use (" + reason
                            + ") and cannot be deleted until that ends",
                    Optional.empty());
        }
        lambda.deleteVersion(function.name(), version);
        return AwsResponse.empty(204, Map.of());
    }

    // ---------------------------------------------------------------- aliases

    private AwsResponse listAliases(AwsRequest request, FunctionReference function) {
        function.unqualified("ListAliases");
        lambda.function(function.name());
        Optional<String> version = request.queryParameter("FunctionVersion");
        List<ObjectNode> aliases = lambda.aliases(function.name()).stream()
                .filter(a -> version.isEmpty()
                        || a.functionVersion().equals(version.get())
                        || a.additionalVersionWeights().containsKey(version.get()))
                .map(Shapes::alias)
                .toList();
        return page(request, aliases, "Aliases");
    }

    private AwsResponse getAlias(FunctionReference function, String aliasName) {
        function.unqualified("GetAlias");
        checkAliasName(aliasName);
        return ok(Shapes.alias(lambda.alias(function.name(), aliasName)));
    }

    private AwsResponse updateAlias(AwsRequest request, FunctionReference function, String aliasName) {
        function.unqualified("UpdateAlias");
        checkAliasName(aliasName);
        JsonNode body = body(request);
        Alias current = lambda.alias(function.name(), aliasName);
        Optional<String> revisionId = text(body, "RevisionId");
        if (revisionId.isPresent() && !revisionId.get().equals(current.revisionId())) {
            throw preconditionFailed();
        }
        if (text(body, "Description").filter(d -> !d.isEmpty()).isPresent()) {
            throw ApiError.invalidParameter(
                    "The local runtime keeps no alias descriptions: send UpdateAlias without Description");
        }
        Optional<String> version = text(body, "FunctionVersion");
        version.ifPresent(v -> {
            if (!v.matches("\\$LATEST|[0-9]+")) {
                throw ApiError.validation(
                        v, "functionVersion", "Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)");
            }
        });
        Optional<Map<String, Double>> weights = weights(body);
        return ok(Shapes.alias(lambda.updateAlias(function.name(), aliasName, version, weights)));
    }

    /** {@code RoutingConfig} absent: the routing stays; present: the weights it names (none = all traffic on the primary). */
    private static Optional<Map<String, Double>> weights(JsonNode body) {
        JsonNode routing = body.get("RoutingConfig");
        if (routing == null || routing.isNull()) {
            return Optional.empty();
        }
        if (!routing.isObject()) {
            throw ApiError.invalidContent("Could not parse request body into json: RoutingConfig must be an object");
        }
        JsonNode additional = routing.get("AdditionalVersionWeights");
        Map<String, Double> weights = new LinkedHashMap<>();
        if (additional == null || additional.isNull()) {
            return Optional.of(weights);
        }
        if (!additional.isObject()) {
            throw ApiError.invalidContent(
                    "Could not parse request body into json: AdditionalVersionWeights must be an object");
        }
        for (Map.Entry<String, JsonNode> weight : additional.properties()) {
            if (!weight.getValue().isNumber()) {
                throw ApiError.invalidContent("Could not parse request body into json: the weight of version "
                        + weight.getKey() + " must be a number");
            }
            double value = weight.getValue().doubleValue();
            if (!weight.getKey().matches("[0-9]+")) {
                throw ApiError.validation(
                        weight.getKey(),
                        "routingConfig.additionalVersionWeights",
                        "Map keys must satisfy regular expression pattern: [0-9]+");
            }
            if (!(value >= 0.0 && value <= 1.0)) {
                throw ApiError.validation(
                        String.valueOf(value),
                        "routingConfig.additionalVersionWeights",
                        "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]");
            }
            weights.put(weight.getKey(), value);
        }
        return Optional.of(weights);
    }

    private static void checkAliasName(String aliasName) {
        if (aliasName.length() > 128 || !aliasName.matches(ALIAS_PATTERN)) {
            throw ApiError.validation(
                    aliasName, "name", "Member must satisfy regular expression pattern: " + ALIAS_PATTERN);
        }
    }

    // ---------------------------------------------------------------- concurrency

    private AwsResponse getConcurrency(FunctionReference function) {
        function.unqualified("GetFunctionConcurrency");
        lambda.function(function.name());
        ObjectNode json = Json.internal().createObjectNode();
        lambda.reservedConcurrency(function.name())
                .ifPresent(reserved -> json.put("ReservedConcurrentExecutions", reserved));
        return ok(json);
    }

    private AwsResponse putConcurrency(AwsRequest request, FunctionReference function) {
        function.unqualified("PutFunctionConcurrency");
        JsonNode value = body(request).get("ReservedConcurrentExecutions");
        if (value == null || value.isNull()) {
            throw ApiError.validation(null, "reservedConcurrentExecutions", "Member must not be null");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiError.invalidContent(
                    "Could not parse request body into json: ReservedConcurrentExecutions must be an integer");
        }
        if (value.intValue() < 0) {
            throw ApiError.validation(
                    value.asText(),
                    "reservedConcurrentExecutions",
                    "Member must have value greater than or equal to 0");
        }
        lambda.function(function.name());
        lambda.putReservedConcurrency(function.name(), value.intValue());
        return ok(Json.internal().createObjectNode().put("ReservedConcurrentExecutions", value.intValue()));
    }

    private AwsResponse deleteConcurrency(FunctionReference function) {
        function.unqualified("DeleteFunctionConcurrency");
        lambda.function(function.name());
        lambda.deleteReservedConcurrency(function.name());
        return AwsResponse.empty(204, Map.of());
    }

    // ---------------------------------------------------------------- helpers

    /** The version a reference names: $LATEST without a qualifier, else the version or the alias's primary version. */
    private Version resolve(FunctionReference function) {
        lambda.function(function.name());
        return function.qualifier().isEmpty()
                ? latest(function.name())
                : lambda.version(function.name(), function.qualifier().get())
                        .orElseThrow(() -> ApiError.notFound("Function not found: " + function.arn()));
    }

    private Version latest(String function) {
        return lambda.version(function, Shapes.LATEST)
                .orElseThrow(() -> ApiError.notFound(
                        "Function not found: " + new FunctionReference(function, Optional.empty()).arn()));
    }

    /** One page of a listing: {@code MaxItems} (1–10,000, default 50) from the position an opaque {@code Marker} names. */
    private static AwsResponse page(AwsRequest request, List<ObjectNode> items, String field) {
        int maxItems =
                request.queryParameter("MaxItems").map(LambdaApi::maxItems).orElse(DEFAULT_PAGE);
        int from = request.queryParameter("Marker").map(LambdaApi::position).orElse(0);
        ObjectNode json = Json.internal().createObjectNode();
        ArrayNode page = json.putArray(field);
        items.stream().skip(from).limit(maxItems).forEach(page::add);
        if (from + maxItems < items.size()) {
            json.put(
                    "NextMarker",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(("position:" + (from + maxItems)).getBytes(StandardCharsets.UTF_8)));
        }
        return ok(json);
    }

    private static int maxItems(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 10_000) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw ApiError.validation(text, "maxItems", "Member must have value between 1 and 10000");
    }

    private static int position(String marker) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.matches("position:[0-9]{1,9}")) {
                return Integer.parseInt(decoded.substring("position:".length()));
            }
        } catch (IllegalArgumentException notBase64) {
            // below
        }
        throw ApiError.invalidParameter("Invalid Marker: " + marker.replaceAll("[^A-Za-z0-9_=-]", "?"));
    }

    private static JsonNode body(AwsRequest request) {
        if (request.body().length == 0) {
            return Json.internal().createObjectNode();
        }
        try {
            JsonNode json = Json.strict().readTree(request.body());
            if (json == null || !json.isObject()) {
                throw ApiError.invalidContent("Could not parse request body into json: the body is not a JSON object");
            }
            return json;
        } catch (JacksonException malformed) {
            throw ApiError.invalidContent("Could not parse request body into json: " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw ApiError.invalidContent("Could not parse request body into json: the body cannot be read");
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiError.invalidContent("Could not parse request body into json: " + field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static ApiError preconditionFailed() {
        return new ApiError(
                "PreconditionFailedException",
                412,
                "The Revision Id provided does not match the latest Revision Id. "
                        + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                Optional.empty());
    }

    private static AwsResponse ok(ObjectNode json) {
        return AwsResponse.json(200, "application/json", json);
    }

    /** Every answer carries the request id, as Lambda's do (an Event invoke's is the event's own id). */
    private static AwsResponse withRequestId(AwsResponse response, String requestId) {
        if (response.headers().containsKey("x-amzn-RequestId")) {
            return response;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("x-amzn-RequestId", requestId);
        return new AwsResponse(response.status(), response.contentType(), headers, response.body());
    }
}
