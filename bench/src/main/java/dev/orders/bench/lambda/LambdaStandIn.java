package dev.orders.bench.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orders.functions.testing.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Lambda's Java runtime does for an API function, reduced to the parts that cost at a cold start: load the
 * handler class, run its no-argument constructor (the init phase), deserialize the proxy event, invoke, serialize
 * the response. Runs in a fresh JVM per cold start; the harness times it from the outside.
 * <p>
 * {@code java -cp orders-functions.jar:lambda-stand-in.jar dev.orders.bench.lambda.LambdaStandIn HANDLER EVENT_FILE [N]}
 * <p>
 * Each of the N invocations gets the event with {@code {{n}}} replaced by a fresh value (a new idempotency key).
 * Prints {@code FIRST status=S initMs=I invokeMs=V} after the first invocation, then {@code DONE ...} with the
 * process's peak resident memory. Exits 3 when a response is not 2xx: a fast error is no cold start.
 */
public final class LambdaStandIn {

    private LambdaStandIn() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String handlerClass = args[0];
        String event = Files.readString(Path.of(args[1]));
        int invocations = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String run = Long.toString(ProcessHandle.current().pid());

        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler =
                (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
                        Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        long initialised = System.nanoTime();
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        TestContext context = new TestContext(handlerClass);
        for (int i = 0; i < invocations; i++) {
            String json = event.replace("{{n}}", run + "-" + i);
            APIGatewayProxyResponseEvent response =
                    handler.handleRequest(mapper.readValue(json, APIGatewayProxyRequestEvent.class), context.next());
            mapper.writeValueAsString(response);
            int status = response == null || response.getStatusCode() == null ? 0 : response.getStatusCode();
            if (status < 200 || status > 299) {
                System.out.println("FAILED invocation=" + i + " status=" + status + " body="
                        + (response == null ? null : response.getBody()));
                System.out.flush();
                System.exit(3);
            }
            if (i == 0) {
                long invoked = System.nanoTime();
                System.out.println("FIRST status=" + status + " initMs=" + (initialised - start) / 1_000_000
                        + " invokeMs=" + (invoked - initialised) / 1_000_000);
                System.out.flush();
            }
        }
        System.out.println("DONE invocations=" + invocations + " " + ProcStatus.read());
        System.out.flush();
        // Lambda freezes the environment instead; here a library's non-daemon thread would keep the JVM alive.
        System.exit(0);
    }
}
