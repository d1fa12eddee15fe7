package dev.orders.local.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: every command takes it (the platform's state and its URL live there). */
final class DataOption {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = ".orders-data",
            description = "the data folder (default: ${DEFAULT-VALUE})")
    Path dir;
}
