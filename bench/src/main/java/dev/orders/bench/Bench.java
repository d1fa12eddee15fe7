package dev.orders.bench;

import dev.orders.bench.cli.CliSection;
import dev.orders.bench.cold.ColdStartSection;
import dev.orders.bench.load.EndToEndSection;
import dev.orders.bench.memory.MemorySection;
import dev.orders.bench.store.StoreSection;
import dev.orders.bench.stream.StreamSection;
import dev.orders.bench.warm.WarmHandlerSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./orders bench [--quick] [--only cold,warm,e2e,stream,store,memory,cli] [--work DIR]}: measures each figure beside
 * its baseline in the same run and prints one table. Exit 0 when every scenario ran (a missed budget is a
 * finding, reported in the table, not a failure of the harness); 1 when a scenario could not be measured.
 */
public final class Bench {

    static final List<String> SECTIONS = List.of("cold", "warm", "e2e", "stream", "store", "memory", "cli");

    /** One scenario: adds its rows to the table and its notes (commands, counts) to the report. */
    public interface Section {
        void run(Table table, List<String> notes) throws Exception;
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        try {
            return run(Options.parse(args), args);
        } catch (IllegalArgumentException wrong) {
            System.err.println("bench: " + wrong.getMessage() + "\n" + usage());
            return 2;
        }
    }

    /** The command line: mode, scenarios, scratch folder. */
    record Options(boolean quick, Set<String> only, Path work, boolean help) {
        static Options parse(String[] args) {
            boolean quick = false;
            boolean help = false;
            Set<String> only = new LinkedHashSet<>(SECTIONS);
            Path work = Path.of("bench/target/bench-work");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--only" -> only = sections(value(args, ++i, "--only"));
                    case "--work" -> work = Path.of(value(args, ++i, "--work"));
                    case "-h", "--help" -> help = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            return new Options(quick, only, work, help);
        }
    }

    private static int run(Options options, String[] args) throws Exception {
        if (options.help()) {
            System.out.println(usage());
            return 0;
        }
        boolean quick = options.quick();
        Set<String> only = options.only();
        Path work = options.work();
        Settings settings = quick ? Settings.quick() : Settings.full();
        Layout layout = Layout.find(work).freshWork();
        Table table = new Table();
        List<String> notes = new ArrayList<>();
        Instant started = Instant.now();
        List<String> failed = new ArrayList<>();
        for (String name : only) {
            Section section = switch (name) {
                case "cold" -> new ColdStartSection(layout, settings);
                case "warm" -> new WarmHandlerSection(layout, settings);
                case "e2e" -> new EndToEndSection(layout, settings);
                case "stream" -> new StreamSection(layout, settings);
                case "store" -> new StoreSection(layout, settings);
                case "memory" -> new MemorySection(layout, settings);
                case "cli" -> new CliSection(layout, settings);
                default -> throw new IllegalArgumentException(name);
            };
            System.err.println("bench: " + name + "...");
            try {
                section.run(table, notes);
            } catch (Exception | AssertionError e) {
                failed.add(name + ": " + e.getMessage());
                System.err.println("bench: " + name + " could not be measured: " + e);
            }
        }
        String report = report(settings, args, table, notes, failed, Duration.between(started, Instant.now()));
        System.out.print(report);
        Files.writeString(layout.work("report.md"), report);
        return failed.isEmpty() ? 0 : 1;
    }

    private static String report(
            Settings settings, String[] args, Table table, List<String> notes, List<String> failed, Duration took) {
        StringBuilder out = new StringBuilder();
        out.append("\n## ./orders bench ")
                .append(String.join(" ", args))
                .append("  (")
                .append(settings.name())
                .append(" mode, ")
                .append(took.toSeconds())
                .append(" s, ")
                .append(Runtime.version())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs)\n\n");
        out.append(table.render());
        if (settings.isQuick()) {
            out.append(
                    "\nQuick mode proves the harness works; its figures are too short to compare. Run ./orders bench for them.\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        failed.forEach(f -> out.append("\nNOT MEASURED: ").append(f).append('\n'));
        out.append("\nreproduce: ./orders bench ")
                .append(String.join(" ", args))
                .append('\n');
        return out.toString();
    }

    private static Set<String> sections(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (!SECTIONS.contains(name.trim())) {
                throw new IllegalArgumentException(
                        "--only takes " + String.join(",", SECTIONS) + ", not '" + name + "'");
            }
            chosen.add(name.trim());
        }
        return chosen;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return """
                usage: ./orders bench [--quick] [--only cold,warm,e2e,stream,store,memory,cli] [--work DIR]
                  --quick   2 cold starts each, 1 s JMH iterations, a 2 s load, 1,000 records, 1,000 invocations (CI smoke)
                  --only    the scenarios to run (default: all)
                  --work    scratch folder, emptied first (default bench/target/bench-work)""";
    }
}
