package dev.orders.local.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./orders COMMAND [OPTIONS]}: the local runtime's command line. Each subcommand is one class, listed in
 * {@link #COMMANDS}; picocli parses the options and generates the help, whose command list shows every subcommand's
 * options ({@link CommandList}).
 */
@Command(
        name = "orders",
        description = "The order platform on one machine: every path run locally with AWS's delivery semantics.",
        synopsisHeading = "Usage: ",
        customSynopsis = "./orders COMMAND [OPTIONS]    (./orders help COMMAND for one command's options)",
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "--data defaults to ./.orders-data; commands that talk to the platform find it through DATA/url unless --url is given."
        })
public final class Main implements Runnable {

    /** Every subcommand, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            UpCommand.class,
            TokenCommand.class,
            PayCommand.class,
            PublishCommand.class,
            DeployCommand.class,
            DeploymentsCommand.class,
            VersionsCommand.class,
            LintCommand.class,
            EdgeCommand.class,
            PlanCommand.class,
            FaultCommand.class,
            DrillCommand.class,
            TestCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this help")
    boolean help;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The whole command line, ready to execute; tests run it with their own output streams. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, only that subcommand is
     * registered. picocli builds a command's model by reflection over its options and mixins (a quarter of a second
     * for all of them, measured for issue 18); a command that runs needs its own model only. Anything else (no
     * command, {@code help}, an option, an unknown name) gets every subcommand, so the help and picocli's
     * "did you mean" stay whole.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
                if (command != CommandLine.HelpCommand.class
                        && (annotation.name().equals(args[0])
                                || List.of(annotation.aliases()).contains(args[0]))) {
                    return commandLine(List.of(command));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new Main());
        commands.forEach(cli::addSubcommand);
        // every command answers -h/--help with its generated help, including the ones added later
        cli.getSubcommands().values().stream()
                .filter(sub -> sub.getCommandSpec().findOption("--help") == null)
                .forEach(sub -> sub.getCommandSpec()
                        .addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                                .usageHelp(true)
                                .description("this help")
                                .build()));
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
        cli.setExecutionExceptionHandler(Main::failed);
        return cli;
    }

    /** Without a command: the help, as {@code ./orders} alone and {@code ./orders help} show it. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** An exception from a command: one line saying what went wrong, exit status 1 (usage errors are 2, by picocli). */
    private static int failed(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (failure instanceof BindException inUse) {
            err.println("orders: cannot listen: " + inUse.getMessage()
                    + " (is another ./orders up running? pass --port N)");
        } else if (failure instanceof CommandFailure expected) {
            err.println("orders: " + expected.getMessage());
        } else {
            err.println("orders: " + command.getCommandName() + " failed: " + failure);
        }
        err.flush();
        return 1;
    }

    /** A command that cannot do what it was asked, for a reason it can state (no stack trace). */
    static final class CommandFailure extends RuntimeException {
        CommandFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The command list of the top-level help: each subcommand's generated synopsis (its options) and description. */
    static final class CommandList implements CommandLine.IHelpSectionRenderer {
        @Override
        public String render(Help help) {
            StringBuilder list = new StringBuilder();
            help.subcommands().forEach((name, sub) -> {
                if (!sub.commandSpec().name().equals(name)) {
                    return; // an alias
                }
                String synopsis = sub.synopsis(0)
                        .replaceFirst("^Usage: ", "")
                        .replaceAll("\\s*\\R\\s*", " ")
                        .strip()
                        .replaceFirst("^orders ", "./orders ")
                        .replace(" [-h]", "");
                list.append("  ").append(synopsis).append(System.lineSeparator());
                for (String paragraph : sub.commandSpec().usageMessage().description()) {
                    for (String line : String.format(paragraph).strip().split("\\R")) {
                        list.append("      ").append(line.strip()).append(System.lineSeparator());
                    }
                }
            });
            return list.toString();
        }
    }
}
