package dev.orders.local.metrics.runtime;

import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.time.TimeScale;
import java.time.Instant;
import java.util.List;

/**
 * API Gateway's HTTP API metrics in {@code AWS/ApiGateway}, by {@code ApiId} and by {@code ApiId}+{@code Stage}:
 * Count, 4xx and 5xx (0 or 1 per request: Sum is the count, Average the rate), Latency and IntegrationLatency
 * in milliseconds. The ApiId is what {@code !Ref} of the HttpApi resolves to locally: its logical id.
 */
public final class GatewayMetrics implements HttpGateway.Observer {

    private final MetricsRecorder recorder;
    private final TimeScale time;
    private final List<Dimensions> sets;

    public GatewayMetrics(MetricsRecorder recorder, TimeScale time, String apiId, String stage) {
        this.recorder = recorder;
        this.time = time;
        this.sets = List.of(Dimensions.of("ApiId", apiId), Dimensions.of("ApiId", apiId, "Stage", stage));
    }

    @Override
    public void served(int status, long latencyNanos, long integrationNanos) {
        Instant now = time.instant();
        for (Dimensions d : sets) {
            recorder.put(new MetricId("AWS/ApiGateway", "Count", d), 1, Unit.COUNT, now);
            recorder.put(
                    new MetricId("AWS/ApiGateway", "4xx", d), status >= 400 && status < 500 ? 1 : 0, Unit.COUNT, now);
            recorder.put(new MetricId("AWS/ApiGateway", "5xx", d), status >= 500 ? 1 : 0, Unit.COUNT, now);
            recorder.put(
                    new MetricId("AWS/ApiGateway", "Latency", d), latencyNanos / 1_000_000.0, Unit.MILLISECONDS, now);
            if (integrationNanos >= 0) {
                recorder.put(
                        new MetricId("AWS/ApiGateway", "IntegrationLatency", d),
                        integrationNanos / 1_000_000.0,
                        Unit.MILLISECONDS,
                        now);
            }
        }
    }
}
