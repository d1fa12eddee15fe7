package dev.orders.local.views;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orders.functions.shared.Json;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.gateway.LocalEndpoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every {@code /_local/NAME} view of the running platform, by name; local-only, never deployed. */
public final class LocalViews implements LocalEndpoints {

    private final Map<String, View> views = new LinkedHashMap<>();

    public synchronized LocalViews register(String name, View view) {
        if (views.putIfAbsent(name, view) != null) {
            throw new IllegalArgumentException("/_local/" + name + " is registered already");
        }
        return this;
    }

    public synchronized List<String> names() {
        return List.copyOf(views.keySet());
    }

    @Override
    public HttpGateway.Reply serve(String method, String name, Map<String, String> query) {
        return serve(method, name, query, new byte[0]);
    }

    /** A {@link CommandView} takes every method and the rest of the path ({@code faults/f-1a2b3c}); the others GET only. */
    @Override
    public HttpGateway.Reply serve(String method, String name, Map<String, String> query, byte[] body) {
        View view;
        synchronized (this) {
            view = views.get(name);
            int slash = name.indexOf('/');
            if (view == null && slash > 0 && views.get(name.substring(0, slash)) instanceof CommandView command) {
                return write(command.handle(method, name.substring(slash + 1), query, body));
            }
        }
        if (view == null) {
            return write(View.Answer.error(404, "Not Found"));
        }
        if (view instanceof CommandView command) {
            return write(command.handle(method, "", query, body));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return write(View.Answer.error(405, "Method Not Allowed"));
        }
        return write(view.render(query));
    }

    private static HttpGateway.Reply write(View.Answer answer) {
        if (answer.body() instanceof View.Raw raw) {
            return new HttpGateway.Reply(answer.status(), raw.contentType(), raw.bytes());
        }
        try {
            return new HttpGateway.Reply(
                    answer.status(), "application/json", Json.internal().writeValueAsBytes(answer.body()));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("a view could not be written as JSON", unwritable);
        }
    }
}
