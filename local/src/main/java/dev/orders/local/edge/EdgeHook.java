package dev.orders.local.edge;

import com.sun.net.httpserver.HttpExchange;
import java.util.Optional;

/**
 * The CloudFront distribution in front of the local API, as the gateway sees it: two calls around the API's
 * own routing. {@link #viewerRequest} runs the viewer-request function and either answers itself (a redirect,
 * a function failure) or hands back the request to route, possibly rewritten; {@link #viewerResponse} puts
 * the response headers policy on the API's answer before it is sent.
 */
public interface EdgeHook {

    /**
     * The request the API should route (the same exchange, or one whose URI and headers the function changed),
     * or empty when the edge has already answered on {@code exchange}.
     */
    Optional<HttpExchange> viewerRequest(HttpExchange exchange);

    /** Applies the response headers policy to the API's response headers for a request {@link #viewerRequest} forwarded. */
    void viewerResponse(HttpExchange forwarded);

    /** No distribution: every request goes to the API as it came. */
    EdgeHook NONE = new EdgeHook() {
        @Override
        public Optional<HttpExchange> viewerRequest(HttpExchange exchange) {
            return Optional.of(exchange);
        }

        @Override
        public void viewerResponse(HttpExchange forwarded) {}
    };
}
