package dev.orders.local.edge;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./orders edge test EVENT.json [--data DIR] [--runs N]} and {@code ./orders edge sync [TEMPLATE]}: the plain
 * entry point the command line calls (see {@link EdgeTestCommand} and {@link EdgeTemplateSync}).
 */
public final class EdgeCommand {

    public static final String USAGE = """
            usage: ./orders edge test EVENT.json [--data DIR] [--runs N]
                                       run the viewer-request function on one CloudFront event, as TestFunction does
                   ./orders edge sync [TEMPLATE]
                                       copy edge/viewer-request.js into the template's FunctionCode (default infra/template.yaml)""";

    private EdgeCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        List<String> positional = new ArrayList<>();
        Path data = Path.of(".orders-data");
        int runs = EdgeTestCommand.DEFAULT_RUNS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> {
                    if (++i >= args.length) {
                        return usage(out, "--data needs a folder");
                    }
                    data = Path.of(args[i]);
                }
                case "--runs" -> {
                    if (++i >= args.length || !args[i].matches("[1-9]\\d{0,5}")) {
                        return usage(out, "--runs takes a whole number from 1 to 999999");
                    }
                    runs = Integer.parseInt(args[i]);
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() == 2 && positional.get(0).equals("test")) {
            return EdgeTestCommand.run(Path.of(positional.get(1)), data, runs, out);
        }
        if (!positional.isEmpty() && positional.size() <= 2 && positional.get(0).equals("sync")) {
            return EdgeTemplateSync.run(Path.of(positional.size() == 2 ? positional.get(1) : "infra/template.yaml"), out);
        }
        return usage(out, positional.isEmpty() ? "edge needs a subcommand" : "unexpected arguments " + positional);
    }

    private static int usage(PrintStream out, String problem) {
        out.println("edge: " + problem + "\n" + USAGE);
        return 2;
    }
}
