package dev.orders.local.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import dev.orders.local.aws.AwsService;
import dev.orders.local.metrics.MetricsStore;
import dev.orders.local.metrics.alarms.Alarms;
import dev.orders.local.time.TimeScale;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudWatch at the runtime's base URL, for the AWS CLI and SDKs pointed at it with {@code --endpoint-url}:
 * whichever of CloudWatch's three protocols the client speaks, answered in the same protocol, errors in
 * CloudWatch's shapes (with {@code x-amzn-query-error} on the JSON protocols, as CloudWatch is
 * {@code awsQueryCompatible}). Signatures are not checked: any credentials work.
 */
public final class CloudWatchService implements AwsService {

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchService.class);
    private static final String RPC_PATH = "/service/" + WireProtocol.SERVICE + "/operation/";
    private static final String TARGET = WireProtocol.SERVICE + ".";

    private final CloudWatchOperations operations;

    public CloudWatchService(MetricsStore store, Alarms alarms, TimeScale time) {
        this.operations = new CloudWatchOperations(store, alarms, time);
    }

    @Override
    public String signingName() {
        return "monitoring";
    }

    @Override
    public boolean accepts(AwsRequest request) {
        if (request.path().startsWith(RPC_PATH)
                || request.header("X-Amz-Target")
                        .filter(t -> t.startsWith(TARGET))
                        .isPresent()) {
            return true;
        }
        try {
            Map<String, String> parameters = queryParameters(request);
            return parameters.containsKey("Action") && "2010-08-01".equals(parameters.get("Version"));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String requestId = UUID.randomUUID().toString();
        WireProtocol protocol;
        String operation;
        Map<String, String> parameters = Map.of();
        if (request.path().startsWith(RPC_PATH)) {
            protocol = WireProtocol.CBOR;
            operation = request.path().substring(RPC_PATH.length());
        } else if (request.header("X-Amz-Target").isPresent()) {
            protocol = WireProtocol.JSON;
            String target = request.header("X-Amz-Target").get();
            operation = target.startsWith(TARGET) ? target.substring(TARGET.length()) : target;
        } else {
            protocol = WireProtocol.QUERY;
            try {
                parameters = queryParameters(request);
            } catch (IllegalArgumentException malformed) {
                CloudWatchError error = CloudWatchError.malformed(
                        "The request's parameters are not URL-encoded: " + malformed.getMessage());
                return response(protocol, 400, protocol.error(error, requestId), requestId, Optional.of(error));
            }
            operation = parameters.getOrDefault("Action", "");
        }
        try {
            if (!"POST".equals(request.method()) && protocol != WireProtocol.QUERY) {
                throw CloudWatchError.malformed("CloudWatch's " + protocol + " protocol takes POST requests");
            }
            JsonNode in = protocol.read(request.body(), parameters);
            Out.Struct result = operations.handle(operation, in);
            return response(protocol, 200, protocol.write(operation, result, requestId), requestId, Optional.empty());
        } catch (CloudWatchError error) {
            return response(protocol, error.status, protocol.error(error, requestId), requestId, Optional.of(error));
        } catch (RuntimeException failure) {
            LOG.error("CloudWatch {} failed", operation, failure);
            CloudWatchError error = CloudWatchError.internal("The local CloudWatch failed: " + failure.getMessage());
            return response(protocol, 500, protocol.error(error, requestId), requestId, Optional.of(error));
        }
    }

    private static AwsResponse response(
            WireProtocol protocol, int status, byte[] body, String requestId, Optional<CloudWatchError> error) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        if (protocol == WireProtocol.CBOR) {
            headers.put("smithy-protocol", "rpc-v2-cbor");
        }
        error.filter(e -> protocol != WireProtocol.QUERY)
                .ifPresent(e -> headers.put("x-amzn-query-error", e.code + ";" + (e.sender ? "Sender" : "Receiver")));
        return new AwsResponse(status, protocol.contentType, headers, body);
    }

    /** The query protocol's parameters: the form body of a POST, else the URL's query string. */
    private static Map<String, String> queryParameters(AwsRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.query().forEach((k, v) -> {
            if (!v.isEmpty()) {
                parameters.put(k, v.getFirst());
            }
        });
        boolean form = request.header("Content-Type")
                .map(t -> t.startsWith("application/x-www-form-urlencoded"))
                .orElse(false);
        if (form && request.body().length > 0) {
            for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                parameters.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    static List<String> operations() {
        return List.of(
                "DescribeAlarms",
                "DescribeAlarmHistory",
                "GetMetricData",
                "ListMetrics",
                "PutMetricData",
                "SetAlarmState");
    }
}
