package dev.orders.local.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data DIR}: every command takes it (the platform's state and its URL live there). */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".orders-data",
            description = "the data folder (default: ${DEFAULT-VALUE})")
    Path dir;
}
