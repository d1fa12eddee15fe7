package dev.orders.local.views;

import java.util.Map;

/**
 * A local view that also takes commands: {@code GET}, {@code POST} and {@code DELETE} on {@code /_local/NAME} and on
 * {@code /_local/NAME/ID} ({@code subpath} is {@code ID}, empty for the collection), with the request's body.
 */
public interface CommandView extends View {

    Answer handle(String method, String subpath, Map<String, String> query, byte[] body);

    @Override
    default Answer render(Map<String, String> query) {
        return handle("GET", "", query, new byte[0]);
    }
}
