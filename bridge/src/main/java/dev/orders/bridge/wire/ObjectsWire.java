package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.receipts.ReceiptObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The receipts bucket's wire protocol, both ends. Bodies do not cross the channel: they stream between the bucket and
 * the function's {@code /tmp} files, named by path (one machine, one file system), as the SDK streams them in Lambda.
 * An I/O failure crosses as {@link UncheckedIOException} and is thrown again as the {@link IOException} it wraps.
 */
public final class ObjectsWire {

    public static final String KIND = "receiptObjects";

    private ObjectsWire() {}

    public static ReceiptObjects client(Channel channel) {
        return new ReceiptObjects() {
            @Override
            public Optional<Stored> download(String key, String etag, Path target) throws IOException {
                JsonNode response = call(
                        "download",
                        Wire.object().put("key", key).put("etag", etag).put("target", target.toString()));
                JsonNode stored = response.get("stored");
                return stored == null || stored.isNull()
                        ? Optional.empty()
                        : Optional.of(new Stored(
                                stored.get("size").asLong(), Optional.ofNullable(Wire.text(stored, "contentType"))));
            }

            @Override
            public void put(String key, Path file, String contentType) throws IOException {
                call(
                        "put",
                        Wire.object()
                                .put("key", key)
                                .put("file", file.toString())
                                .put("contentType", contentType));
            }

            @Override
            public void quarantine(String key, String etag, String quarantineKey, Map<String, String> metadata)
                    throws IOException {
                ObjectNode request =
                        Wire.object().put("key", key).put("etag", etag).put("quarantineKey", quarantineKey);
                ObjectNode fields = request.putObject("metadata");
                metadata.forEach(fields::put);
                call("quarantine", request);
            }

            private JsonNode call(String operation, ObjectNode request) throws IOException {
                try {
                    return Wire.read(channel.call(operation, Wire.bytes(request)));
                } catch (UncheckedIOException failed) {
                    throw failed.getCause();
                }
            }
        };
    }

    public static byte[] serve(ReceiptObjects objects, String operation, byte[] bytes) {
        JsonNode r = Wire.read(bytes);
        ObjectNode response = Wire.object();
        try {
            switch (operation) {
                case "download" ->
                    objects.download(Wire.text(r, "key"), Wire.text(r, "etag"), Path.of(Wire.text(r, "target")))
                            .ifPresentOrElse(
                                    stored -> {
                                        ObjectNode json =
                                                response.putObject("stored").put("size", stored.size());
                                        stored.contentType().ifPresent(type -> json.put("contentType", type));
                                    },
                                    () -> response.putNull("stored"));
                case "put" ->
                    objects.put(Wire.text(r, "key"), Path.of(Wire.text(r, "file")), Wire.text(r, "contentType"));
                case "quarantine" -> {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    r.get("metadata")
                            .properties()
                            .forEach(field -> metadata.put(
                                    field.getKey(), field.getValue().asText()));
                    objects.quarantine(
                            Wire.text(r, "key"), Wire.text(r, "etag"), Wire.text(r, "quarantineKey"), metadata);
                }
                default -> throw Wire.unknown(KIND, operation);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Wire.bytes(response);
    }
}
