package dev.orders.local.deploy;

import dev.orders.local.lambda.LambdaObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Invocations and function errors through an alias, by the version that ran (Lambda's ExecutedVersion): what a
 * deployment's progress shows for the old and the new version. Direct invocations of a version (a hook's smoke check)
 * are not traffic and are not counted.
 */
final class VersionCounts implements LambdaObserver {

    record Count(long invocations, long errors) {
        Count minus(Count before) {
            return new Count(invocations - before.invocations, errors - before.errors);
        }
    }

    private record Adders(LongAdder invocations, LongAdder errors) {}

    private final Map<String, Adders> counts = new ConcurrentHashMap<>();

    @Override
    public void completed(Report report) {
        if (!report.viaAlias()) {
            return;
        }
        Adders adders = counts.computeIfAbsent(
                report.function() + ":" + report.executedVersion(),
                key -> new Adders(new LongAdder(), new LongAdder()));
        adders.invocations().increment();
        if (report.error()) {
            adders.errors().increment();
        }
    }

    Count of(String function, String version) {
        Adders adders = counts.get(function + ":" + version);
        return adders == null
                ? new Count(0, 0)
                : new Count(adders.invocations().sum(), adders.errors().sum());
    }
}
