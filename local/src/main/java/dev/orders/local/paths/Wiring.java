package dev.orders.local.paths;

import dev.orders.domain.port.OrderStore;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.store.Database;
import dev.orders.local.template.HttpApi;
import dev.orders.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What every path is wired from: the template (settings), the data folder, the clock, the local database
 * its emulators keep their state in, and the local stand-ins the handlers' ports are built on (store,
 * queues, bus), and the local Lambda its functions are deployed in. One instance per platform.
 */
public record Wiring(
        SamTemplate template,
        Path dataDir,
        Clock clock,
        Database db,
        OrderStore store,
        LocalQueues queues,
        LocalBus bus,
        SqsEventSourceMapping.Timing sqsTiming,
        LambdaService lambda) {

    /** The template's HTTP API, the one the local gateway serves. */
    public static final String API = "OrdersHttpApi";

    /** The routes of the template's {@code OrdersHttpApi} that integrate with {@code functionLogicalId}. */
    public List<HttpApi.Route> routes(String functionLogicalId) {
        List<HttpApi.Route> routes = HttpApi.of(template, API).routes().stream()
                .filter(route -> route.function().equals(functionLogicalId))
                .toList();
        if (routes.isEmpty()) {
            throw new IllegalArgumentException(functionLogicalId + " has no route on " + API + " in the template");
        }
        return routes;
    }

    /**
     * A function of the template as {@code wiring} says (handler class and ports), deployed in the local Lambda with
     * the template's settings; its triggers invoke its {@code live} alias through the handle returned.
     */
    public <I, O> LocalFunction<I, O> function(FunctionWiring wiring, Class<I> input, Class<O> output) {
        return lambda.register(FunctionSettings.from(template, wiring.function()), wiring, input, output);
    }
}
