package dev.orders.local.lambda;

import java.util.Optional;

/** Lambda's errors, with the API's type names and HTTP statuses (provisional copy of the shared contract). */
public final class LambdaException extends RuntimeException {

    /** The contract's types, and (added by lambdaapi) the two the Invoke API answers for a payload it refuses. */
    public enum Type {
        ResourceNotFoundException(404),
        ResourceConflictException(409),
        InvalidParameterValueException(400),
        TooManyRequestsException(429),
        ServiceException(500),
        RequestTooLargeException(413),
        InvalidRequestContentException(400);

        private final int status;

        Type(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Type type;
    private final String reason;

    public LambdaException(Type type, String message) {
        this(type, message, null);
    }

    /** {@code reason}: e.g. {@code ReservedFunctionConcurrentInvocationLimitExceeded} for a throttle. */
    public LambdaException(Type type, String message, String reason) {
        super(message, null, false, false);
        this.type = type;
        this.reason = reason;
    }

    public Type type() {
        return type;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
