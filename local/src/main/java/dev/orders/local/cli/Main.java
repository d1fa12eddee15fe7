package dev.orders.local.cli;

import dev.orders.local.LocalPlatform;
import dev.orders.local.lint.Lint;
import dev.orders.local.store.Faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code ./orders SUBCOMMAND [options]}: the local runtime's command line. */
public final class Main {

    private static final String USAGE = """
            usage: ./orders <command> [options]
              up [--port 8080] [--data DIR]      run every path locally; prints 'ready URL'
              token CUSTOMER_ID [--data DIR] [--ttl SECONDS]
                                                 print a bearer token the local gateway accepts
              pay ORDER_ID [--fail] [--amount A --currency C] [--event-id ID] [--data DIR]
                                                 send a signed payment callback, as the provider would
              lint [TEMPLATE]                    check a SAM template against the production rules
                                                 (default infra/template.yaml; exit 1 on errors)
              edge test EVENT.json [--data DIR] [--runs N]
                                                 run the CloudFront function on one event, as TestFunction does
              edge sync [TEMPLATE]               copy edge/viewer-request.js into the template's FunctionCode
              test                               run the whole test suite (handled by the launcher)
              bench [--quick] [--only cold,warm,e2e,stream,memory]
                                                 performance figures beside their baselines (handled by the launcher)
            --data defaults to ./.orders-data""";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (java.net.BindException inUse) {
            System.err.println("orders: cannot listen: " + inUse.getMessage() + " (is another ./orders up running? pass --port N)");
            System.exit(1);
        } catch (UsageException wrong) {
            System.err.println("orders: " + wrong.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    /** A command line that cannot be carried out as written. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static int run(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.positional().isEmpty()) {
            System.err.println(USAGE);
            return 2;
        }
        String command = options.positional().getFirst();
        return switch (command) {
            case "up" -> up(options);
            case "token" -> token(options);
            case "pay" -> PayCommand.run(options);
            case "lint" -> Lint.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
            case "edge" -> dev.orders.local.edge.EdgeCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
            case "help", "--help", "-h" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("unknown command '" + command + "'\n" + USAGE);
                yield 2;
            }
        };
    }

    private static int up(Options options) throws Exception {
        int port = options.integer("--port", 8080);
        LocalPlatform platform = LocalPlatform.open(options.dataDir(), Faults.fromSystemProperties()).start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            platform.close();
            stopped.countDown();
        }));
        System.out.println("ready " + platform.url());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static int token(Options options) {
        if (options.positional().size() != 2) {
            System.err.println("usage: ./orders token CUSTOMER_ID [--data DIR] [--ttl SECONDS]");
            return 2;
        }
        Duration ttl = Duration.ofSeconds(options.integer("--ttl", 3600));
        System.out.println(LocalPlatform.issuer(options.dataDir()).token(options.positional().get(1), ttl));
        return 0;
    }

    /** Positional arguments and {@code --name value} options. */
    record Options(List<String> positional, java.util.Map<String, String> named) {
        static Options parse(String[] args) {
            List<String> positional = new ArrayList<>();
            java.util.Map<String, String> named = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    named.put(args[i], args[++i]);
                } else if (args[i].startsWith("--")) {
                    named.put(args[i], "true");
                } else {
                    positional.add(args[i]);
                }
            }
            return new Options(positional, named);
        }

        String value(String name, String fallback) {
            return named.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            String value = named.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException notANumber) {
                throw new UsageException(name + " takes a whole number, not '" + value + "'");
            }
        }

        Path dataDir() {
            return Path.of(value("--data", ".orders-data"));
        }
    }
}
