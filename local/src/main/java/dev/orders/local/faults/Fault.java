package dev.orders.local.faults;

import dev.orders.local.delivery.DeliveryPath;
import java.time.Instant;
import java.util.Optional;

/**
 * One injected fault: its id, what it targets, whose calls or deliveries it touches ({@link FaultScope}), and when it
 * started and ends (in the platform's time: scaled when the platform runs scaled; empty = until removed). A port fault
 * disturbs a handler's calls to a dependency; a delivery fault delivers an event twice on a trigger path; a function
 * fault ({@code target: function}) disturbs the invocations themselves: latency, errors, a crash after the handler's
 * effects, a timeout. A deployment's {@code --inject} faults are listed in the same shape, as function faults of the
 * version it rehearses.
 */
public sealed interface Fault {

    String id();

    FaultScope scope();

    Instant startedAt();

    Optional<Instant> endsAt();

    /** {@code port}, {@code delivery} or {@code function}. */
    String target();

    /** One line: what, where, whose. */
    String describe();

    default boolean activeAt(Instant now) {
        return endsAt().map(now::isBefore).orElse(true);
    }

    /**
     * What a port or function fault does to a call: its name in the JSON, and how it reads in a description. A port
     * fault takes latency, errors, throttle or unavailable; a function fault latency, errors, crash or timeout.
     */
    sealed interface Effect {
        String name();

        default String text() {
            return name();
        }

        /** Each call waits {@code latency} longer before the dependency answers (the call still happens). */
        record Slow(Latency latency) implements Effect {
            @Override
            public String name() {
                return "latency";
            }

            @Override
            public String text() {
                return "latency " + latency.text();
            }
        }

        /** The call fails with the service's internal error (5xx); nothing is done. */
        record Errors() implements Effect {
            @Override
            public String name() {
                return "errors";
            }
        }

        /** The call is refused with the service's throttle; nothing is done. */
        record Throttle() implements Effect {
            @Override
            public String name() {
                return "throttle";
            }
        }

        /** The dependency cannot be reached: every call fails as a refused connection. */
        record Unavailable() implements Effect {
            @Override
            public String name() {
                return "unavailable";
            }
        }

        /**
         * The handler runs to its end (its writes stand), then the environment fails before it answers: the caller
         * sees a function error for an effect that happened.
         */
        record Crash() implements Effect {
            @Override
            public String name() {
                return "crash";
            }
        }

        /** The invocation hangs past the function's timeout, before its handler runs: {@code Task timed out}. */
        record Timeout() implements Effect {
            @Override
            public String name() {
                return "timeout";
            }
        }
    }

    /** Calls to {@code dependency} (only {@code operation}'s, when given) of the functions in scope. */
    record PortFault(
            String id,
            Dependency dependency,
            Optional<String> operation,
            Effect effect,
            FaultScope scope,
            Instant startedAt,
            Optional<Instant> endsAt)
            implements Fault {
        @Override
        public String target() {
            return "port";
        }

        @Override
        public String describe() {
            return dependency.label() + operation.map(o -> "/" + o).orElse("") + ": " + effect.text() + " ("
                    + scope.describe() + ")";
        }
    }

    /** A trigger path delivers some events twice, as AWS's at-least-once delivery may (see {@link DeliveryPath}). */
    record DeliveryFault(String id, DeliveryPath path, FaultScope scope, Instant startedAt, Optional<Instant> endsAt)
            implements Fault {
        @Override
        public String target() {
            return "delivery";
        }

        @Override
        public String describe() {
            return path.label() + ": duplicate delivery, " + path.how() + " (" + scope.describe() + ")";
        }
    }

    /**
     * Invocations of the functions in scope (of one API {@code route} only, when given) are slowed, fail, crash after
     * their effects or time out. {@code byDeployment}: put there by {@code ./orders deploy --inject} on the version it
     * rehearses; it ends with the deployment, not through {@code /_local/faults}.
     */
    record InvocationFault(
            String id,
            Effect effect,
            Optional<FunctionFault.Route> route,
            FaultScope scope,
            Instant startedAt,
            Optional<Instant> endsAt,
            boolean byDeployment)
            implements Fault {
        @Override
        public String target() {
            return "function";
        }

        @Override
        public String describe() {
            return "invocations" + route.map(r -> " of " + r).orElse("") + ": " + effect.text() + " ("
                    + scope.describe() + ")" + (byDeployment ? ", injected by the deployment" : "");
        }
    }
}
