package dev.orders.local.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --url URL}: the running platform; by default the URL {@code ./orders up} recorded in {@code DATA/url}. */
final class UrlOption {

    @Option(names = "--url", paramLabel = "URL", description = "the running platform (default: the URL in DATA/url)")
    String url;

    String resolve(Path data) throws IOException {
        if (url != null) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        Path file = data.resolve("url");
        if (!Files.exists(file)) {
            throw new Main.CommandFailure(
                    "no " + file + ": start the platform first (./orders up --data " + data + "), or pass --url");
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
