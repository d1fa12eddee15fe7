package dev.orders.local.plan;

import static dev.orders.local.plan.PathName.API;
import static dev.orders.local.plan.PathName.FULFILLMENT;
import static dev.orders.local.plan.PathName.NOTIFICATIONS;
import static dev.orders.local.plan.PathName.PAYMENTS;
import static dev.orders.local.plan.Verdict.DOES_NOT_FIT;
import static dev.orders.local.plan.Verdict.FITS;
import static dev.orders.local.plan.Verdict.TIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.orders.functions.DependencyCalls;
import dev.orders.functions.DependencyCalls.Dependency;
import dev.orders.local.plan.Plan.FunctionPlan;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner's arithmetic, check by check, against the deployed template, variants of it and the article's API. */
class CapacityPlannerTest {

    private static final SamTemplate DEPLOYED = Templates.deployed();

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Plan plan(SamTemplate template, PlanInputs inputs) {
        return CapacityPlanner.plan(template, inputs);
    }

    private static Plan plan(PathName path, double rate, Duration duration) {
        return plan(DEPLOYED, PlanInputs.of(path, rate, duration));
    }

    static FunctionPlan function(Plan plan, String function) {
        return plan.function(function).orElseThrow(() -> new AssertionError("no " + function + " in the plan"));
    }

    static Check check(Plan plan, String check, String subject) {
        return plan.checks().stream()
                .filter(c -> c.check().equals(check) && c.subject().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + check + " of " + subject + " in " + plan.checks()));
    }

    // The article's figures

    @Test
    void two_thousand_requests_a_second_at_250_ms_need_500_concurrent_and_fit_in_the_default_1000() {
        Plan plan = plan(Templates.article(), PlanInputs.of(API, 2000, ms(250)));

        assertThat(function(plan, "OrderApiFunction").concurrencyNeeded()).isEqualTo(500);
        Check concurrency = check(plan, "concurrency", "OrderApiFunction");
        assertThat(concurrency.formula()).isEqualTo("2,000 req/s × 0.25 s = 500 ≤ 1,000 unreserved pool");
        assertThat(concurrency.verdict()).isEqualTo(FITS);
        Check account = check(plan, "account limit", "account");
        assertThat(account.formula()).isEqualTo("500 ≤ 1,000 account concurrency");
        assertThat(account.verdict()).isEqualTo(FITS);
        assertThat(account.headroom()).isEqualTo(500);
        assertThat(check(plan, "scaling", "OrderApiFunction").formula())
                .isEqualTo("500 ≤ 1,000 new environments at once: 0 s from cold");
        assertThat(plan.fits()).isTrue();
    }

    @Test
    void slowed_to_1_s_the_same_traffic_needs_2000_which_does_not_fit_the_account_limit_and_would_take_10_s_to_scale() {
        Plan plan = plan(Templates.article(), PlanInputs.of(API, 2000, Duration.ofSeconds(1)));

        Check concurrency = check(plan, "concurrency", "OrderApiFunction");
        assertThat(concurrency.formula()).isEqualTo("2,000 req/s × 1 s = 2,000 > 1,000 unreserved pool");
        assertThat(concurrency.verdict()).isEqualTo(DOES_NOT_FIT);
        Check account = check(plan, "account limit", "account");
        assertThat(account.formula()).isEqualTo("2,000 > 1,000 account concurrency");
        assertThat(account.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(account.note()).isEqualTo("1,000 over: the account throttles");
        assertThat(check(plan, "scaling", "OrderApiFunction").formula())
                .isEqualTo(
                        "at most 1,000 run: 1,000 ≤ 1,000 new environments at once: 0 s from cold (2,000 would take 10 s)");
        assertThat(plan.fits()).isFalse();
        assertThat(plan.verdict()).isEqualTo(DOES_NOT_FIT);
    }

    @Test
    void in_an_account_raised_to_3000_the_2000_fit_after_10_s_of_scaling_from_cold() {
        Plan plan = plan(
                Templates.article(),
                PlanInputs.of(API, 2000, Duration.ofSeconds(1)).withAccountConcurrency(3000));

        Check scaling = check(plan, "scaling", "OrderApiFunction");
        assertThat(scaling.formula()).isEqualTo("(2,000 − 1,000) ÷ 1,000 per 10 s = 10 s from cold");
        assertThat(scaling.verdict()).isEqualTo(TIGHT);
        assertThat(scaling.note()).isEqualTo("callers get 500 while it scales");
        assertThat(function(plan, "OrderApiFunction").scaleSeconds()).isEqualTo(10);
        assertThat(check(plan, "account limit", "account").verdict()).isEqualTo(FITS);
    }

    @Test
    void without_a_stage_throttle_the_api_never_answers_429_before_the_function_answers_500() {
        Check callers =
                check(plan(Templates.article(), PlanInputs.of(API, 2000, ms(250))), "callers see", "OrderApiFunction");

        assertThat(callers.formula())
                .isEqualTo("5,000 burst + 10,000 req/s × 0.25 s = 7,500 > 1,000 unreserved pool: 500 from"
                        + " OrderApiFunction first");
        assertThat(callers.verdict()).isEqualTo(TIGHT);
    }

    // A function behind the API

    @Test
    void the_api_rate_is_held_against_the_stages_throttling_rate_limit() {
        assertThat(check(plan(API, 80, ms(250)), "api rate", "OrderApiFunction").verdict())
                .isEqualTo(FITS);
        assertThat(check(plan(API, 100, ms(250)), "api rate", "OrderApiFunction")
                        .verdict())
                .isEqualTo(TIGHT);
        Plan over = plan(API, 101, ms(250));
        Check rate = check(over, "api rate", "OrderApiFunction");
        assertThat(rate.formula()).isEqualTo("101 req/s > 100 req/s ThrottlingRateLimit");
        assertThat(rate.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(rate.note()).isEqualTo("1 req/s answered 429 by the API");
        assertThat(function(over, "OrderApiFunction").callers().answered429PerSecond())
                .isEqualTo(1);
    }

    @Test
    void an_api_functions_concurrency_is_rate_times_duration_against_its_reserved_concurrency() {
        Check tight = check(plan(API, 80, ms(1250)), "concurrency", "OrderApiFunction");
        assertThat(tight.formula()).isEqualTo("80 req/s × 1.25 s = 100 ≤ 100 reserved concurrency");
        assertThat(tight.verdict()).isEqualTo(TIGHT);
        assertThat(tight.headroom()).isEqualTo(0);

        Plan over = plan(API, 80, ms(1260));
        Check concurrency = check(over, "concurrency", "OrderApiFunction");
        assertThat(concurrency.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(concurrency.demand()).isCloseTo(100.8, within(1e-9));
        assertThat(concurrency.note()).isEqualTo("0.635 req/s throttled: API Gateway answers them 500");
        FunctionPlan api = function(over, "OrderApiFunction");
        assertThat(api.callers().answered500PerSecond()).isCloseTo(80 - 100 / 1.26, within(1e-9));
        assertThat(api.expectedConcurrency()).isEqualTo(100);
    }

    @Test
    void callers_see_429_first_while_burst_plus_rate_times_duration_stays_within_the_reservation() {
        Check asDesigned = check(plan(API, 20, ms(500)), "callers see", "OrderApiFunction");
        assertThat(asDesigned.formula())
                .isEqualTo("50 burst + 100 req/s × 0.5 s = 100 ≤ 100 reserved concurrency: 429 from the API first");
        assertThat(asDesigned.verdict()).isEqualTo(FITS);

        Check beyond = check(plan(API, 20, ms(600)), "callers see", "OrderApiFunction");
        assertThat(beyond.formula()).endsWith("= 110 > 100 reserved concurrency: 500 from OrderApiFunction first");
        assertThat(beyond.verdict())
                .as("no 500 at 20 req/s, but a burst gets them")
                .isEqualTo(TIGHT);

        Plan throttled = plan(API, 100, ms(1200));
        Check callers = check(throttled, "callers see", "OrderApiFunction");
        assertThat(callers.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(callers.note()).isEqualTo("16.667 req/s get 500");
        assertThat(function(throttled, "OrderApiFunction").callers().first()).isEqualTo("500");
    }

    @Test
    void an_invocation_longer_than_the_timeout_ends_at_the_timeout_and_every_caller_gets_500() {
        Plan plan = plan(API, 5, ms(10_500));

        Check timeout = check(plan, "timeout", "OrderApiFunction");
        assertThat(timeout.formula()).isEqualTo("10.5 s > 10 s Timeout");
        assertThat(timeout.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(timeout.note()).isEqualTo("every invocation times out: callers get 500");
        FunctionPlan api = function(plan, "OrderApiFunction");
        assertThat(api.effectiveSeconds()).isEqualTo(10);
        assertThat(api.concurrencyNeeded()).isEqualTo(50);
        assertThat(api.callers().answered500PerSecond()).isEqualTo(5);
        assertThat(check(plan(API, 5, Duration.ofSeconds(10)), "timeout", "OrderApiFunction")
                        .verdict())
                .isEqualTo(TIGHT);
        assertThat(check(plan(API, 5, Duration.ofSeconds(8)), "timeout", "OrderApiFunction")
                        .verdict())
                .isEqualTo(FITS);
    }

    @Test
    void from_cold_a_function_scales_by_the_scaling_rate_every_10_s() {
        Plan plan = plan(DEPLOYED, PlanInputs.of(API, 80, ms(1250)).withScalingPerTenSeconds(40));

        Check scaling = check(plan, "scaling", "OrderApiFunction");
        assertThat(scaling.formula()).isEqualTo("(100 − 40) ÷ 40 per 10 s = 15 s from cold");
        assertThat(scaling.verdict()).isEqualTo(TIGHT);
        assertThat(function(plan, "OrderApiFunction").scaleSeconds()).isEqualTo(15);
    }

    // A slow dependency

    @Test
    void
            a_store_slowed_by_750_ms_adds_two_store_calls_to_each_order_and_moves_order_apis_concurrency_as_the_formula_says() {
        Plan before = plan(API, 50, ms(250));
        Plan after = plan(DEPLOYED, PlanInputs.of(API, 50, ms(250)).withSlow(Dependency.STORE, ms(750)));

        assertThat(check(before, "concurrency", "OrderApiFunction").formula())
                .isEqualTo("50 req/s × 0.25 s = 12.5 ≤ 100 reserved concurrency");
        assertThat(check(before, "concurrency", "OrderApiFunction").verdict()).isEqualTo(FITS);
        FunctionPlan api = function(after, "OrderApiFunction");
        int storeCalls = DependencyCalls.forHandler(api.handler()).orElseThrow().calls(Dependency.STORE);
        assertThat(storeCalls).isEqualTo(2);
        assertThat(api.durationSeconds()).isEqualTo(0.25 + storeCalls * 0.75);
        assertThat(api.slowdowns()).containsExactly(new Plan.Slowdown("store", 2, 750, 1.5));
        Check concurrency = check(after, "concurrency", "OrderApiFunction");
        assertThat(concurrency.formula()).isEqualTo("50 req/s × 1.75 s = 87.5 ≤ 100 reserved concurrency");
        assertThat(concurrency.verdict()).isEqualTo(TIGHT);
        assertThat(check(after, "timeout", "OrderApiFunction").formula())
                .isEqualTo("0.25 s + 2 store calls × 0.75 s = 1.75 s ≤ 10 s Timeout");
        assertThat(check(after, "callers see", "OrderApiFunction").verdict()).isEqualTo(TIGHT);
        assertThat(api.expectedConcurrency()).isEqualTo(87.5);

        Plan more = plan(DEPLOYED, PlanInputs.of(API, 60, ms(250)).withSlow(Dependency.STORE, ms(750)));
        assertThat(check(more, "concurrency", "OrderApiFunction").verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(check(more, "callers see", "OrderApiFunction").verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(function(more, "OrderApiFunction").callers().answered500PerSecond())
                .isCloseTo(60 - 100 / 1.75, within(1e-9));
    }

    @Test
    void a_batch_function_pays_the_added_latency_for_every_item_of_a_full_batch() {
        Plan plan = plan(DEPLOYED, PlanInputs.of(PAYMENTS, 20, ms(250)).withSlow(Dependency.STORE, ms(750)));

        FunctionPlan events = function(plan, "PaymentEventsFunction");
        assertThat(events.itemsPerInvocation()).isEqualTo(10);
        assertThat(events.slowdowns()).containsExactly(new Plan.Slowdown("store", 20, 750, 15));
        assertThat(events.durationSeconds()).isEqualTo(15.25);
        assertThat(check(plan, "timeout", "PaymentEventsFunction").verdict()).isEqualTo(DOES_NOT_FIT);
        Check throughput = check(plan, "throughput", "PaymentEventsFunction");
        assertThat(throughput.formula()).isEqualTo("20 msg/s > 0 msg/s: every batch times out");
        assertThat(throughput.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(function(plan, "PaymentWebhookFunction").slowdowns())
                .as("the webhook never calls the store")
                .isEmpty();
    }

    @Test
    void a_dependency_no_planned_function_calls_changes_nothing_and_the_plan_says_so() {
        Plan plan = plan(DEPLOYED, PlanInputs.of(API, 50, ms(250)).withSlow(Dependency.BUS, ms(500)));

        assertThat(function(plan, "OrderApiFunction").durationSeconds()).isEqualTo(0.25);
        assertThat(plan.notes())
                .containsExactly(
                        "bus slowed by 500 ms: no function on the planned paths calls it, so no duration changes");
    }

    @Test
    void a_function_whose_handler_has_no_call_counts_cannot_be_planned_slowed() {
        SamTemplate unknown = Templates.variant(t -> t.replace(
                "dev.orders.functions.api.OrderApiHandler::handleRequest", "com.example.OtherHandler::handleRequest"));

        assertThat(plan(unknown, PlanInputs.of(API, 50, ms(250))).fits()).isTrue();
        assertThatThrownBy(() -> plan(unknown, PlanInputs.of(API, 50, ms(250)).withSlow(Dependency.STORE, ms(750))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "no dependency call counts for OrderApiFunction's handler com.example.OtherHandler::handleRequest");
    }

    @Test
    void every_function_on_every_path_of_the_template_has_call_counts() {
        Topology topology = Topology.of(DEPLOYED);
        for (PathName path : PathName.values()) {
            if (topology.has(path)) {
                topology.stages(path)
                        .forEach(stage -> assertThat(DependencyCalls.forHandler(
                                        stage.settings().handler()))
                                .as(
                                        "call counts for %s (%s)",
                                        stage.function(), stage.settings().handler())
                                .isPresent());
            }
        }
    }

    // The template's settings

    @Test
    void the_templates_reservations_throttling_batches_and_shards_are_read() {
        Plan plan = plan(DEPLOYED, PlanInputs.of(OrderFlow.rates(DEPLOYED, 10), ms(250)));

        assertThat(plan.account())
                .isEqualTo(
                        new Plan.Account(1000, Map.of("OrderApiFunction", 100, "NotificationsFunction", 2), 102, 898));
        assertThat(check(plan, "unreserved", "account").formula())
                .isEqualTo("1,000 account − 102 reserved = 898 ≥ 100 unreserved minimum");
        assertThat(check(plan, "api rate", "PaymentWebhookFunction").formula())
                .isEqualTo("10 req/s ≤ 100 req/s ThrottlingRateLimit");
        assertThat(check(plan, "throughput", "PaymentEventsFunction").formula())
                .isEqualTo("10 msg/s ≤ 5 MaximumConcurrency × 10 per batch ÷ 0.25 s = 200 msg/s");
        assertThat(check(plan, "throughput", "FulfillmentEventsFunction").formula())
                .isEqualTo("30 records/s ≤ 2 shards × 1 batch × 100 per batch ÷ 0.25 s = 800 records/s");
        assertThat(check(plan, "downstream cap", "NotificationsFunction").formula())
                .isEqualTo(
                        "MaximumConcurrency 2 ≤ 2 reserved concurrency: at most 2 × 5 ÷ 0.25 s = 40 msg/s reach mailer and store");
        assertThat(function(plan, "FulfillmentEventsFunction").trigger()).isEqualTo("Kinesis FulfillmentStream");
        assertThat(function(plan, "NotificationsFunction").trigger())
                .isEqualTo("SQS NotificationsQueue (fed by NotificationsRule)");
    }

    @Test
    void without_order_apis_reserved_concurrency_the_same_load_fits_in_the_unreserved_pool() {
        PlanInputs inputs = PlanInputs.of(API, 80, ms(1500));
        Plan reserved = plan(DEPLOYED, inputs);
        Plan unreserved =
                plan(Templates.variant(t -> t.replace("      ReservedConcurrentExecutions: 100\n", "")), inputs);

        assertThat(check(reserved, "concurrency", "OrderApiFunction").formula())
                .isEqualTo("80 req/s × 1.5 s = 120 > 100 reserved concurrency");
        assertThat(reserved.fits()).isFalse();
        assertThat(unreserved.account().unreservedPool()).isEqualTo(998);
        assertThat(check(unreserved, "concurrency", "OrderApiFunction").formula())
                .isEqualTo("80 req/s × 1.5 s = 120 ≤ 998 unreserved pool");
        assertThat(check(unreserved, "callers see", "OrderApiFunction").verdict())
                .isEqualTo(FITS);
        assertThat(unreserved.fits()).isTrue();
    }

    @Test
    void a_template_without_the_path_asked_for_is_refused_with_what_is_missing() {
        assertThatThrownBy(() -> plan(Templates.article(), PlanInputs.of(PathName.RECEIPTS, 5, ms(250))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the template has no receipts path: no function has an S3 event (receipt images, P4, are not in this template)");
        assertThatThrownBy(() -> plan(Templates.article(), PlanInputs.of(PAYMENTS, 5, ms(250))))
                .hasMessageContaining("no HTTP API route POST /payments/callbacks/{provider}");
    }

    @Test
    void a_function_named_in_the_durations_takes_its_own_and_the_others_the_baseline() {
        Plan plan = plan(
                DEPLOYED, PlanInputs.of(PAYMENTS, 100, ms(250)).withDuration("paymentevents", Duration.ofSeconds(2)));

        assertThat(function(plan, "PaymentEventsFunction").baselineSeconds()).isEqualTo(2);
        assertThat(function(plan, "PaymentEventsFunction").baselineSource()).isEqualTo("set for PaymentEventsFunction");
        assertThat(function(plan, "PaymentWebhookFunction").baselineSeconds()).isEqualTo(0.25);
        assertThatThrownBy(() ->
                        plan(DEPLOYED, PlanInputs.of(PAYMENTS, 100, ms(250)).withDuration("OrderApi", ms(100))))
                .hasMessage(
                        "no function 'OrderApi' on the planned paths; they are PaymentWebhookFunction, PaymentEventsFunction");
    }

    // A queue consumer

    @Test
    void a_queue_consumer_keeps_up_while_maximum_concurrency_times_batch_size_over_duration_covers_the_arrivals() {
        assertThat(check(plan(PAYMENTS, 160, ms(250)), "throughput", "PaymentEventsFunction")
                        .verdict())
                .isEqualTo(FITS);
        assertThat(check(plan(PAYMENTS, 200, ms(250)), "throughput", "PaymentEventsFunction")
                        .verdict())
                .isEqualTo(TIGHT);
        Check over = check(plan(PAYMENTS, 201, ms(250)), "throughput", "PaymentEventsFunction");
        assertThat(over.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(over.note()).isEqualTo("the queue grows by 1 msg/s");
        Check concurrency = check(plan(PAYMENTS, 100, ms(250)), "concurrency", "PaymentEventsFunction");
        assertThat(concurrency.formula()).isEqualTo("100 msg/s ÷ 10 per batch × 0.25 s = 2.5 ≤ 898 unreserved pool");
    }

    @Test
    void a_reservation_below_the_pollers_maximum_concurrency_means_throttled_batches_and_does_not_fit() {
        SamTemplate fourPollers = Templates.variant(t -> t.replace("""
                # Equal to the reserved concurrency: the poller never invokes into throttles.
                            ScalingConfig:
                              MaximumConcurrency: 2""", """
                # Equal to the reserved concurrency: the poller never invokes into throttles.
                            ScalingConfig:
                              MaximumConcurrency: 4"""));

        Check cap = check(
                plan(fourPollers, PlanInputs.of(NOTIFICATIONS, 1, ms(250))), "downstream cap", "NotificationsFunction");
        assertThat(cap.formula())
                .isEqualTo("the poller's 4 > 2 reserved concurrency: it polls more batches than may run");
        assertThat(cap.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(cap.note()).endsWith("set MaximumConcurrency ≤ 2");
        Check asDeployed = check(plan(NOTIFICATIONS, 1, ms(250)), "downstream cap", "NotificationsFunction");
        assertThat(asDeployed.verdict()).isEqualTo(FITS);
    }

    @Test
    void beyond_a_queue_consumers_cap_the_queue_grows_rather_than_batches_being_throttled() {
        Check concurrency = check(plan(NOTIFICATIONS, 60, ms(250)), "concurrency", "NotificationsFunction");

        assertThat(concurrency.formula()).isEqualTo("60 msg/s ÷ 5 per batch × 0.25 s = 3 > 2 reserved concurrency");
        assertThat(concurrency.note()).isEqualTo("the poller stops at 2 concurrent batches: the queue grows");
    }

    @Test
    void without_maximum_concurrency_the_sqs_poller_ramps_from_5_batches_by_300_a_minute() {
        SamTemplate unbounded = Templates.variant(t -> t.replace("""
                            ScalingConfig:
                              MaximumConcurrency: 5
                """, ""));

        Plan plan = plan(unbounded, PlanInputs.of(PAYMENTS, 100, Duration.ofSeconds(3)));
        Check scaling = check(plan, "scaling", "PaymentEventsFunction");
        assertThat(scaling.formula()).isEqualTo("(30 − 5) ÷ 300 per minute = 5 s to 30 concurrent batches");
        assertThat(scaling.verdict()).isEqualTo(TIGHT);
        assertThat(check(plan, "throughput", "PaymentEventsFunction").formula())
                .isEqualTo("100 msg/s ≤ 1,000 (Lambda's SQS ceiling) × 10 per batch ÷ 3 s = 3,333.333 msg/s");
        Check capped = check(plan(PAYMENTS, 100, Duration.ofSeconds(3)), "scaling", "PaymentEventsFunction");
        assertThat(capped.formula()).isEqualTo("5 ≤ 5 concurrent batches at start: 0 s");
    }

    // A stream consumer

    @Test
    void the_stream_takes_1000_records_a_second_per_shard() {
        assertThat(check(plan(FULFILLMENT, 2000, ms(100)), "stream records", "FulfillmentStream")
                        .verdict())
                .isEqualTo(TIGHT);
        Check over = check(plan(FULFILLMENT, 2001, ms(100)), "stream records", "FulfillmentStream");
        assertThat(over.formula()).isEqualTo("2,001 records/s > 2 shards × 1,000 = 2,000 records/s");
        assertThat(over.note()).isEqualTo("1 records/s refused (ProvisionedThroughputExceededException)");
    }

    @Test
    void the_stream_takes_1_mib_a_second_per_shard_whatever_the_record_count() {
        Plan plan = plan(DEPLOYED, PlanInputs.of(FULFILLMENT, 1200, ms(100)).withRecordBytes(2048));

        assertThat(check(plan, "stream records", "FulfillmentStream").verdict()).isEqualTo(FITS);
        Check bytes = check(plan, "stream bytes", "FulfillmentStream");
        assertThat(bytes.formula()).isEqualTo("1,200 records/s × 2 KiB = 2.344 MiB/s > 2 shards × 1 MiB/s");
        assertThat(bytes.verdict()).isEqualTo(DOES_NOT_FIT);
    }

    @Test
    void the_stream_consumer_keeps_one_batch_per_shard_in_flight_per_parallelization_factor() {
        assertThat(check(plan(FULFILLMENT, 800, ms(250)), "throughput", "FulfillmentEventsFunction")
                        .verdict())
                .isEqualTo(TIGHT);
        Plan behind = plan(FULFILLMENT, 900, ms(250));
        Check throughput = check(behind, "throughput", "FulfillmentEventsFunction");
        assertThat(throughput.note()).isEqualTo("the backlog grows by 100 records/s: the iterator age climbs");
        Check concurrency = check(behind, "concurrency", "FulfillmentEventsFunction");
        assertThat(concurrency.formula())
                .isEqualTo("900 records/s ÷ 100 per batch × 0.25 s = 2.25, at most 2 in flight ≤ 898 unreserved pool");
        assertThat(concurrency.demand()).isEqualTo(2);

        String mapping =
                "ParallelizationFactor: %d\n            BisectBatchOnFunctionError: true\n            MaximumRetryAttempts: 5";
        SamTemplate four = Templates.variant(t -> t.replace(mapping.formatted(1), mapping.formatted(4)));
        assertThat(check(
                                plan(four, PlanInputs.of(FULFILLMENT, 900, ms(250))),
                                "throughput",
                                "FulfillmentEventsFunction")
                        .formula())
                .isEqualTo("900 records/s ≤ 2 shards × 4 batch × 100 per batch ÷ 0.25 s = 3,200 records/s");
    }

    // The account

    @Test
    void the_account_keeps_100_unreserved_or_the_reservations_do_not_fit() {
        Plan plan = plan(DEPLOYED, PlanInputs.of(API, 10, ms(250)).withAccountConcurrency(150));

        Check unreserved = check(plan, "unreserved", "account");
        assertThat(unreserved.formula()).isEqualTo("150 account − 102 reserved = 48 < 100 unreserved minimum");
        assertThat(unreserved.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(plan(
                                DEPLOYED,
                                PlanInputs.of(API, 10, ms(250))
                                        .withAccountConcurrency(150)
                                        .withMinimumUnreserved(15))
                        .fits())
                .as("a drill's scaled-down account keeps a scaled-down minimum")
                .isTrue();
    }

    @Test
    void the_unreserved_pool_is_shared_by_the_functions_without_a_reservation() {
        Plan plan = plan(DEPLOYED, PlanInputs.of(OrderFlow.rates(DEPLOYED, 20), ms(250)));

        assertThat(check(plan, "account limit", "account").formula())
                .isEqualTo("5 + 5 + 0.5 + 0.15 + 3 + 5 = 18.65 ≤ 1,000 account concurrency");
        Check pool = check(plan, "unreserved pool", "account");
        assertThat(pool.formula()).isEqualTo("5 + 0.5 + 0.15 + 5 = 10.65 ≤ 898 unreserved pool");
        assertThat(pool.headroom()).isCloseTo(887.35, within(1e-9));

        Plan crowded = plan(
                DEPLOYED, PlanInputs.of(OrderFlow.rates(DEPLOYED, 20), ms(250)).withAccountConcurrency(105));
        Check shared = check(crowded, "unreserved pool", "account");
        assertThat(shared.verdict()).isEqualTo(DOES_NOT_FIT);
        assertThat(shared.note()).isEqualTo("the functions without a reservation throttle one another");
    }

    @Test
    void the_same_question_gets_the_same_plan() {
        PlanInputs inputs =
                PlanInputs.of(OrderFlow.rates(DEPLOYED, 20), ms(250)).withSlow(Dependency.STORE, ms(100));
        assertThat(plan(DEPLOYED, inputs)).isEqualTo(plan(Templates.deployed(), inputs));
    }
}
