package dev.orders.local.lambda;

import java.util.Optional;

/** Lambda's errors, with the API's type names and HTTP statuses. */
public final class LambdaException extends RuntimeException {

    public enum Type {
        ResourceNotFoundException(404),
        ResourceConflictException(409),
        InvalidParameterValueException(400),
        TooManyRequestsException(429),
        RequestTooLargeException(413),
        /** A SnapStart version whose init failed (PublishVersion fails with it locally; see docs/semantics.md). */
        SnapStartException(400),
        ServiceException(500),
        /** A payload the Invoke API cannot read as JSON. */
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

    /** With Lambda's {@code Reason}, e.g. ReservedFunctionConcurrentInvocationLimitExceeded on a throttle. */
    public LambdaException(Type type, String message, String reason) {
        super(message);
        this.type = type;
        this.reason = reason;
    }

    public Type type() {
        return type;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    static LambdaException notFound(String what) {
        return new LambdaException(Type.ResourceNotFoundException, what);
    }

    static LambdaException invalid(String message) {
        return new LambdaException(Type.InvalidParameterValueException, message);
    }
}
