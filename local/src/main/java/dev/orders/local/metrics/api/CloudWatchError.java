package dev.orders.local.metrics.api;

/**
 * An error in CloudWatch's shape: the error shape's name (JSON/CBOR {@code __type}), the query-protocol code
 * ({@code <Code>}, and {@code x-amzn-query-error} for the JSON protocols), the HTTP status, and whose fault it is.
 */
final class CloudWatchError extends RuntimeException {

    final int status;
    final String shape;
    final String code;
    final boolean sender;

    CloudWatchError(int status, String shape, String code, boolean sender, String message) {
        super(message);
        this.status = status;
        this.shape = shape;
        this.code = code;
        this.sender = sender;
    }

    static CloudWatchError invalidValue(String message) {
        return new CloudWatchError(400, "InvalidParameterValueException", "InvalidParameterValue", true, message);
    }

    static CloudWatchError missing(String parameter) {
        return new CloudWatchError(
                400,
                "MissingRequiredParameterException",
                "MissingParameter",
                true,
                "The parameter " + parameter + " is required.");
    }

    static CloudWatchError combination(String message) {
        return new CloudWatchError(
                400, "InvalidParameterCombinationException", "InvalidParameterCombination", true, message);
    }

    static CloudWatchError notFound(String message) {
        return new CloudWatchError(404, "ResourceNotFound", "ResourceNotFound", true, message);
    }

    static CloudWatchError invalidFormat(String message) {
        return new CloudWatchError(400, "InvalidFormatFault", "InvalidFormat", true, message);
    }

    static CloudWatchError invalidNextToken() {
        return new CloudWatchError(
                400, "InvalidNextToken", "InvalidNextToken", true, "The service couldn't process the NextToken.");
    }

    static CloudWatchError unknownOperation(String operation) {
        return new CloudWatchError(
                400,
                "UnknownOperationException",
                "InvalidAction",
                true,
                "The action " + operation
                        + " is not valid for this web service (not served by the local runtime: DescribeAlarms, "
                        + "DescribeAlarmHistory, GetMetricData, ListMetrics, PutMetricData and SetAlarmState are).");
    }

    static CloudWatchError malformed(String message) {
        return new CloudWatchError(400, "SerializationException", "MalformedInput", true, message);
    }

    static CloudWatchError internal(String message) {
        return new CloudWatchError(500, "InternalServiceFault", "InternalServiceError", false, message);
    }
}
