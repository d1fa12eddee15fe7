package dev.orders.local.lambdaapi;

import dev.orders.local.lambda.LambdaException;
import java.util.Optional;

/** A request Lambda refuses: the error type, its HTTP status, the message and, for a throttle, the reason. */
final class ApiError extends RuntimeException {

    final String type;
    final int status;
    final Optional<String> reason;

    ApiError(String type, int status, String message, Optional<String> reason) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.reason = reason;
    }

    static ApiError of(LambdaException refused) {
        return new ApiError(refused.type().name(), refused.type().status(), refused.getMessage(), refused.reason());
    }

    static ApiError invalidParameter(String message) {
        return new ApiError("InvalidParameterValueException", 400, message, Optional.empty());
    }

    static ApiError invalidContent(String message) {
        return new ApiError("InvalidRequestContentException", 400, message, Optional.empty());
    }

    /** The shape AWS's request validation gives a member that breaks its model constraint. */
    static ApiError validation(String value, String member, String constraint) {
        return new ApiError(
                "ValidationException",
                400,
                "1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'") + " at '" + member
                        + "' failed to satisfy constraint: " + constraint,
                Optional.empty());
    }

    static ApiError notFound(String message) {
        return new ApiError("ResourceNotFoundException", 404, message, Optional.empty());
    }
}
