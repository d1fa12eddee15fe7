package dev.orders.local.plan;

import dev.orders.local.plan.Plan.Callers;
import dev.orders.local.plan.Plan.FunctionPlan;
import dev.orders.local.plan.Plan.Slowdown;
import dev.orders.local.plan.Topology.Stage;
import dev.orders.local.plan.Topology.Trigger;
import dev.orders.local.template.HttpApi;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One function's figures and checks, by what invokes it. Every formula is written with its figures put in, in the
 * order the arithmetic goes, so a reader can redo it. The AWS figures used here, and where they come from:
 * <ul>
 *   <li>Lambda scales each function by {@code scalingPerTenSeconds} environments (1,000) per 10 s (dg/scaling-behavior.html);</li>
 *   <li>an SQS mapping starts with 5 concurrent batches, adds up to 300 a minute, up to 1,000, or up to its
 *       {@code ScalingConfig.MaximumConcurrency} (dg/services-sqs-scaling.html);</li>
 *   <li>a Kinesis shard takes 1,000 records and 1 MiB per second of writes (Kinesis quotas), and a mapping keeps one
 *       batch per shard in flight per unit of {@code ParallelizationFactor} (dg/with-kinesis.html);</li>
 *   <li>API Gateway answers 429 when its throttle is empty and 500 when Lambda throttles the function
 *       (dg/services-apigateway-errors.html).</li>
 * </ul>
 */
final class FunctionChecks {

    static final int SQS_STARTING_BATCHES = 5;
    static final int SQS_RAMP_PER_MINUTE = 300;
    static final int SQS_CEILING = 1_000;
    static final int SHARD_RECORDS_PER_SECOND = 1_000;
    static final double SHARD_BYTES_PER_SECOND = 1_048_576;

    /** A function's duration: its baseline, its slowed dependencies' share, and how many items one invocation handles. */
    record Timing(
            double baselineSeconds,
            String baselineSource,
            int items,
            List<Slowdown> slowdowns,
            List<String> dependencies) {
        double seconds() {
            return baselineSeconds
                    + slowdowns.stream().mapToDouble(Slowdown::addedSeconds).sum();
        }
    }

    private final Stage stage;
    private final double offered;
    private final double arriving;
    private final Timing timing;
    private final Plan.Account account;
    private final PlanInputs inputs;
    private final String function;
    private final double duration;
    private final double timeout;
    /** What an invocation really lasts: a timed-out one ends at the timeout. */
    private final double effective;

    private final String limitName;
    private final double limit;
    private final List<Check> checks = new ArrayList<>();
    private double passedOn;
    private double scaleSeconds;

    FunctionChecks(
            Stage stage, double offered, double arriving, Timing timing, Plan.Account account, PlanInputs inputs) {
        this.stage = stage;
        this.offered = offered;
        this.arriving = arriving;
        this.timing = timing;
        this.account = account;
        this.inputs = inputs;
        this.function = stage.function();
        this.duration = timing.seconds();
        this.timeout = Figures.seconds(stage.settings().timeout());
        this.effective = Math.min(duration, timeout);
        this.limitName =
                stage.settings().reservedConcurrency().isPresent() ? "reserved concurrency" : "unreserved pool";
        this.limit = stage.settings()
                .reservedConcurrency()
                .map(Integer::doubleValue)
                .orElse((double) account.unreservedPool());
    }

    /** Full batches: the load a plan is about fills them (the template's batching windows are at most 5 s). */
    static int itemsPerInvocation(Trigger trigger) {
        return switch (trigger) {
            case Trigger.QueueMapping queue -> queue.mapping().batchSize();
            case Trigger.StreamMapping stream -> stream.batchSize();
            case Trigger.ApiRoute ignored -> 1;
            case Trigger.Notification ignored -> 1;
        };
    }

    FunctionPlan plan() {
        Callers callers = null;
        double needed;
        double expected;
        String unit;
        switch (stage.trigger()) {
            case Trigger.ApiRoute route -> {
                unit = "req/s";
                needed = offered * effective;
                callers = api(route);
                expected = Math.min(Math.min(arriving, route.throttling().rateLimit()) * effective, Math.max(limit, 0));
            }
            case Trigger.QueueMapping queue -> {
                unit = "msg/s";
                needed = offered / timing.items() * effective;
                queue(queue, needed);
                expected = Math.min(
                        Math.min(arriving / timing.items() * effective, mappingCeiling(queue)), Math.max(limit, 0));
                passedOn = 0;
            }
            case Trigger.StreamMapping stream -> {
                unit = "records/s";
                int inFlight = stream.shards() * stream.parallelizationFactor();
                needed = Math.min(offered / timing.items() * effective, inFlight);
                stream(stream, needed);
                expected = Math.min(Math.min(arriving / timing.items() * effective, inFlight), Math.max(limit, 0));
                passedOn = 0;
            }
            case Trigger.Notification ignored -> {
                unit = "events/s";
                needed = offered * effective;
                concurrency(rate(offered, "events/s"), needed, "events throttled: Lambda retries them for up to 6 h");
                scaling(needed, "events wait in Lambda's queue while it scales");
                timeout("every invocation times out: retried twice, then dropped or sent to the failure destination");
                expected = Math.min(arriving * effective, Math.max(limit, 0));
                passedOn = 0;
            }
        }
        return new FunctionPlan(
                function,
                stage.settings().handler(),
                CapacityPlanner.describe(stage.trigger()),
                offered,
                arriving,
                unit,
                timing.items(),
                timing.baselineSeconds(),
                timing.baselineSource(),
                timing.slowdowns(),
                duration,
                timeout,
                effective,
                needed,
                limitName,
                limit,
                expected,
                scaleSeconds,
                callers,
                List.copyOf(checks));
    }

    /** What flows on to the next function of the path (what this one took in and served). */
    double passedOn() {
        return passedOn;
    }

    private Callers api(Trigger.ApiRoute route) {
        HttpApi.Throttling throttle = route.throttling();
        double rateLimit = throttle.rateLimit();
        String rateName =
                throttle.equals(HttpApi.ACCOUNT_DEFAULT) ? "API Gateway's account default rate" : "ThrottlingRateLimit";
        double admitted = Math.min(arriving, rateLimit);
        double running = admitted * effective;
        double served = limit <= 0 ? 0 : Math.min(admitted, limit / effective);
        double answered429 = Math.max(0, offered - rateLimit);
        double answered500 = duration > timeout ? admitted : admitted - served;
        passedOn = served;

        checks.add(Check.compare(
                "api rate",
                function,
                rate(offered, "req/s") + op(offered, rateLimit) + rate(rateLimit, "req/s") + " " + rateName,
                offered,
                rateLimit,
                "req/s",
                offered > rateLimit
                        ? rate(answered429, "req/s") + " answered 429 by the API"
                        : headroom(rateLimit - offered, " req/s")));

        String over = running > limit
                ? rate(admitted - served, "req/s") + " throttled: API Gateway answers them 500"
                : "the API lets " + rate(admitted, "req/s") + " through: " + Figures.number(running) + " run";
        concurrency(rate(offered, "req/s"), offered * effective, over);

        double inFlight = throttle.burstLimit() + rateLimit * effective;
        boolean apiFirst = inFlight <= limit;
        Verdict verdict = apiFirst ? Verdict.FITS : running <= limit ? Verdict.TIGHT : Verdict.DOES_NOT_FIT;
        checks.add(Check.judged(
                "callers see",
                function,
                Figures.number(throttle.burstLimit()) + " burst + " + rate(rateLimit, "req/s")
                        + " × " + Figures.seconds(effective) + " = " + Figures.number(inFlight) + op(inFlight, limit)
                        + Figures.number(limit) + " " + limitName + ": "
                        + (apiFirst ? "429 from the API first" : "500 from " + function + " first"),
                inFlight,
                limit,
                "concurrent executions",
                verdict,
                switch (verdict) {
                    case FITS -> "";
                    case TIGHT -> "no 500 at this rate; a burst or a higher rate meets 500 before 429";
                    case DOES_NOT_FIT -> rate(answered500, "req/s") + " get 500";
                }));
        scaling(offered * effective, "callers get 500 while it scales");
        timeout("every invocation times out: callers get 500");
        return new Callers(answered429, answered500, apiFirst ? "429" : "500");
    }

    private void queue(Trigger.QueueMapping queue, double needed) {
        int batch = timing.items();
        int ceiling = mappingCeiling(queue);
        concurrency(
                rate(offered, "msg/s") + " ÷ " + batch + " per batch",
                needed,
                ceiling <= limit
                        ? "the poller stops at " + ceiling + " concurrent batches: the queue grows"
                        : "batches beyond " + Figures.number(limit)
                                + " are throttled and return after the visibility timeout");

        String ceilingName =
                queue.mapping().maximumConcurrency().isPresent() ? "MaximumConcurrency" : "(Lambda's SQS ceiling)";
        double throughput = timedOut() ? 0 : ceiling * batch / effective;
        checks.add(Check.compare(
                "throughput",
                function,
                rate(offered, "msg/s")
                        + op(offered, throughput)
                        + (timedOut()
                                ? "0 msg/s: every batch times out"
                                : Figures.number(ceiling) + " " + ceilingName + " × " + batch + " per batch ÷ "
                                        + Figures.seconds(effective) + " = " + rate(throughput, "msg/s")),
                offered,
                throughput,
                "msg/s",
                offered > throughput
                        ? "the queue grows by " + rate(offered - throughput, "msg/s")
                        : headroom(throughput - offered, " msg/s")));

        stage.settings().reservedConcurrency().ifPresent(reserved -> {
            int polled = queue.mapping().maximumConcurrency().orElse(SQS_CEILING);
            boolean capped = queue.mapping().maximumConcurrency().isPresent() && polled <= reserved;
            String reaching =
                    timing.dependencies().isEmpty() ? "its dependencies" : String.join(" and ", timing.dependencies());
            checks.add(Check.judged(
                    "downstream cap",
                    function,
                    (capped ? "MaximumConcurrency " : "the poller's ") + Figures.number(polled)
                            + (capped ? " ≤ " : " > ") + reserved + " reserved concurrency: "
                            + (capped
                                    ? "at most " + reserved + " × " + batch + " ÷ " + Figures.seconds(effective) + " = "
                                            + rate(reserved * batch / effective, "msg/s") + " reach " + reaching
                                    : "it polls more batches than may run"),
                    polled,
                    reserved,
                    "concurrent batches",
                    capped ? Verdict.FITS : Verdict.DOES_NOT_FIT,
                    capped
                            ? ""
                            : "batches beyond " + reserved + " are throttled and return after the visibility timeout,"
                                    + " counting towards maxReceiveCount: set MaximumConcurrency ≤ " + reserved));
        });

        double target = Math.min(Math.ceil(needed - 1e-9), ceiling);
        double ramp = Math.max(0, target - SQS_STARTING_BATCHES) / SQS_RAMP_PER_MINUTE * 60;
        scaleSeconds = ramp;
        checks.add(Check.judged(
                "scaling",
                function,
                ramp == 0
                        ? Figures.number(target) + " ≤ " + SQS_STARTING_BATCHES + " concurrent batches at start: 0 s"
                        : "(" + Figures.number(target) + " − " + SQS_STARTING_BATCHES + ") ÷ " + SQS_RAMP_PER_MINUTE
                                + " per minute = " + Figures.seconds(ramp) + " to " + Figures.number(target)
                                + " concurrent batches",
                target,
                SQS_STARTING_BATCHES,
                "concurrent batches",
                ramp == 0 ? Verdict.FITS : Verdict.TIGHT,
                ramp == 0 ? "" : "messages wait in the queue while the poller scales up"));
        timeout("every batch times out and returns to the queue after its visibility timeout");
    }

    private static int mappingCeiling(Trigger.QueueMapping queue) {
        return queue.mapping().maximumConcurrency().orElse(SQS_CEILING);
    }

    private void stream(Trigger.StreamMapping stream, double needed) {
        int shards = stream.shards();
        double records = shards * (double) SHARD_RECORDS_PER_SECOND;
        checks.add(Check.compare(
                "stream records",
                stream.stream(),
                rate(offered, "records/s") + op(offered, records) + shards + " shards × "
                        + Figures.number(SHARD_RECORDS_PER_SECOND) + " = " + rate(records, "records/s"),
                offered,
                records,
                "records/s",
                offered > records
                        ? rate(offered - records, "records/s") + " refused (ProvisionedThroughputExceededException)"
                        : headroom(records - offered, " records/s")));

        double mebibytes = offered * inputs.recordBytes() / SHARD_BYTES_PER_SECOND;
        checks.add(Check.compare(
                "stream bytes",
                stream.stream(),
                rate(offered, "records/s") + " × " + bytes(inputs.recordBytes()) + " = " + Figures.number(mebibytes)
                        + " MiB/s" + op(mebibytes, shards) + shards + " shards × 1 MiB/s",
                mebibytes,
                shards,
                "MiB/s",
                mebibytes > shards
                        ? "writes refused (ProvisionedThroughputExceededException)"
                        : headroom(shards - mebibytes, " MiB/s")));

        int batch = timing.items();
        int inFlight = shards * stream.parallelizationFactor();
        double throughput = timedOut() ? 0 : inFlight * (double) batch / effective;
        checks.add(Check.compare(
                "throughput",
                function,
                rate(offered, "records/s")
                        + op(offered, throughput)
                        + (timedOut()
                                ? "0 records/s: every batch times out"
                                : shards + " shards × " + stream.parallelizationFactor() + " batch × " + batch
                                        + " per batch ÷ " + Figures.seconds(effective) + " = "
                                        + rate(throughput, "records/s")),
                offered,
                throughput,
                "records/s",
                offered > throughput
                        ? "the backlog grows by " + rate(offered - throughput, "records/s")
                                + ": the iterator age climbs"
                        : headroom(throughput - offered, " records/s")));

        double unbounded = offered / batch * effective;
        String formula = rate(offered, "records/s") + " ÷ " + batch + " per batch × " + Figures.seconds(effective)
                + " = " + Figures.number(unbounded)
                + (unbounded > inFlight ? ", at most " + inFlight + " in flight" : "");
        checks.add(Check.compare(
                "concurrency",
                function,
                formula + op(needed, limit) + Figures.number(limit) + " " + limitName,
                needed,
                limit,
                "concurrent executions",
                needed > limit
                        ? "batches throttled: the shards retry them and fall behind"
                        : headroom(limit - needed, "")));
        timeout("every batch times out and is retried, then sent to the OnFailure destination");
    }

    /** Rate × duration against the function's reserved concurrency or the unreserved pool. */
    private void concurrency(String rate, double needed, String overNote) {
        checks.add(Check.compare(
                "concurrency",
                function,
                rate + " × " + Figures.seconds(effective) + " = " + Figures.number(needed) + op(needed, limit)
                        + Figures.number(limit) + " " + limitName,
                needed,
                limit,
                "concurrent executions",
                needed > limit ? overNote : headroom(limit - needed, "")));
    }

    /**
     * From cold: the scaling rate's environments at once, then as many more every 10 s, up to what the function may run
     * (its reservation or the pool). When the demand is beyond that, the time the demand itself would take is said too.
     */
    private void scaling(double needed, String waitNote) {
        double perTen = inputs.scalingPerTenSeconds();
        double environments = Math.ceil(Math.max(0, Math.min(needed, limit)) - 1e-9);
        double seconds = Math.max(0, environments - perTen) / perTen * 10;
        scaleSeconds = seconds;
        String formula = seconds == 0
                ? Figures.number(environments) + " ≤ " + Figures.number(perTen)
                        + " new environments at once: 0 s from cold"
                : "(" + Figures.number(environments) + " − " + Figures.number(perTen) + ") ÷ " + Figures.number(perTen)
                        + " per 10 s = " + Figures.seconds(seconds) + " from cold";
        if (needed > limit + 1e-9) {
            double demand = Math.ceil(needed - 1e-9);
            double demandSeconds = Math.max(0, demand - perTen) / perTen * 10;
            formula = "at most " + Figures.number(Math.max(limit, 0)) + " run: " + formula
                    + (demandSeconds > 0
                            ? " (" + Figures.number(demand) + " would take " + Figures.seconds(demandSeconds) + ")"
                            : "");
        }
        checks.add(Check.judged(
                "scaling",
                function,
                formula,
                environments,
                perTen,
                "environments",
                seconds == 0 ? Verdict.FITS : Verdict.TIGHT,
                seconds == 0 ? "" : waitNote));
    }

    private void timeout(String overNote) {
        String formula = Figures.seconds(timing.baselineSeconds())
                + timing.slowdowns().stream()
                        .map(s -> " + " + s.callsPerInvocation() + " " + s.dependency() + " calls × "
                                + Figures.seconds(s.addedMillisPerCall() / 1000))
                        .collect(Collectors.joining());
        if (!timing.slowdowns().isEmpty()) {
            formula += " = " + Figures.seconds(duration);
        }
        checks.add(Check.compare(
                "timeout",
                function,
                formula + op(duration, timeout) + Figures.seconds(timeout) + " Timeout",
                duration,
                timeout,
                "s",
                duration > timeout ? overNote : headroom(timeout - duration, " s")));
    }

    private boolean timedOut() {
        return duration > timeout;
    }

    static String op(double demand, double limit) {
        return demand > limit + 1e-9 ? " > " : " ≤ ";
    }

    static String headroom(double headroom, String unit) {
        return "headroom " + Figures.number(headroom) + unit;
    }

    private static String rate(double value, String unit) {
        return Figures.number(value) + " " + unit;
    }

    private static String bytes(int bytes) {
        return bytes % 1024 == 0 ? Figures.number(bytes / 1024) + " KiB" : Figures.number(bytes) + " B";
    }
}
