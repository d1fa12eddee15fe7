package dev.orders.local.gateway;

import java.util.Map;

/** What answers {@code /_local/NAME}: the local-only views of the running platform (never deployed). */
@FunctionalInterface
public interface LocalEndpoints {

    /** The answer for {@code name} (the path after {@code /_local/}) with the query's first values; 404 for an unknown name. */
    HttpGateway.Reply serve(String method, String name, Map<String, String> query);

    /** With the request's body (a command such as {@code POST /_local/faults}); read-only endpoints ignore it. */
    default HttpGateway.Reply serve(String method, String name, Map<String, String> query, byte[] body) {
        return serve(method, name, query);
    }
}
