package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.UploadLinks;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The receipts bucket's presigned links (upload forms and downloads), both ends: signed by the runtime's credentials. */
public final class LinksWire {

    public static final String KIND = "uploadLinks";

    private LinksWire() {}

    public static UploadLinks client(Channel channel) {
        return new UploadLinks() {
            @Override
            public UploadForm uploadForm(
                    String key, long minBytes, long maxBytes, String contentTypePrefix, Duration expiry) {
                ObjectNode request = Wire.object()
                        .put("key", key)
                        .put("minBytes", minBytes)
                        .put("maxBytes", maxBytes)
                        .put("contentTypePrefix", contentTypePrefix)
                        .put("expiry", expiry.toString());
                JsonNode response = Wire.read(channel.call("uploadForm", Wire.bytes(request)));
                Map<String, String> fields = new LinkedHashMap<>();
                response.get("fields")
                        .properties()
                        .forEach(field ->
                                fields.put(field.getKey(), field.getValue().asText()));
                return new UploadForm(
                        URI.create(Wire.text(response, "url")),
                        fields,
                        Instant.parse(Wire.text(response, "expiresAt")));
            }

            @Override
            public Link download(String key, Duration expiry) {
                ObjectNode request = Wire.object().put("key", key).put("expiry", expiry.toString());
                JsonNode response = Wire.read(channel.call("download", Wire.bytes(request)));
                return new Link(
                        URI.create(Wire.text(response, "url")), Instant.parse(Wire.text(response, "expiresAt")));
            }
        };
    }

    public static byte[] serve(UploadLinks links, String operation, byte[] bytes) {
        JsonNode r = Wire.read(bytes);
        Duration expiry = Duration.parse(Wire.text(r, "expiry"));
        ObjectNode response = Wire.object();
        switch (operation) {
            case "uploadForm" -> {
                UploadLinks.UploadForm form = links.uploadForm(
                        Wire.text(r, "key"),
                        r.get("minBytes").asLong(),
                        r.get("maxBytes").asLong(),
                        Wire.text(r, "contentTypePrefix"),
                        expiry);
                response.put("url", form.url().toString())
                        .put("expiresAt", form.expiresAt().toString());
                ObjectNode fields = response.putObject("fields");
                form.fields().forEach(fields::put);
            }
            case "download" -> {
                UploadLinks.Link link = links.download(Wire.text(r, "key"), expiry);
                response.put("url", link.url().toString())
                        .put("expiresAt", link.expiresAt().toString());
            }
            default -> throw Wire.unknown(KIND, operation);
        }
        return Wire.bytes(response);
    }
}
