package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A handler object of the runtime's own class path, for tests of the triggers: it is driven exactly as a version's
 * code is (environments, concurrency, timeouts, logs), its event and response serialized to and from the same JSON,
 * but it shares the runtime's class loader and takes no ports over the channel.
 */
final class InProcessCode<I, O> implements VersionCode {

    private final RequestHandler<I, O> handler;
    private final EventJson<I> input;
    private final EventJson<O> output;

    InProcessCode(RequestHandler<I, O> handler, Class<I> input, Class<O> output) {
        this.handler = handler;
        this.input = EventJson.of(input);
        this.output = EventJson.of(output);
    }

    @Override
    public Handler init(Map<String, Object> environment, BiFunction<String, byte[], byte[]> ports) {
        return (context, event) ->
                output.write(handler.handleRequest(input.read(event), LocalContext.of(environment, context)));
    }

    @Override
    public void beforeCheckpoint() {}

    @Override
    public void afterRestore() {}

    @Override
    public ClassLoader loader() {
        return InProcessCode.class.getClassLoader();
    }

    @Override
    public void close() {}
}
