package io.tokenized.trading.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The examples jar: {@code java -jar trading-examples.jar <command>}.
 *
 * <p>Every command has {@code --help}. Errors are one line on stderr that says what to do, with exit code
 * {@value #PROBLEMS} (the command ran and failed or found problems) or {@value #USAGE} (bad usage, or the
 * database cannot be reached); {@code --verbose} adds the stack trace. {@link #run} runs a command
 * in-process with the streams and environment it is given.
 *
 * <p>Stateless; each {@link #run} builds its own command objects.
 */
@Command(name = "trading-examples", sortOptions = false,
        description = "Runnable examples of the trading library: a demo, a load simulation, a deterministic "
                + "replay, the migration commands, an audit and a durable benchmark.",
        footer = {"", "Database URLs: postgresql://user:pass@host:5432/db?sslmode=require (libpq/Neon form) or "
                + "jdbc:postgresql://host:5432/db?user=..."},
        commandListHeading = "%nCommands:%n")
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;

    /** Wide enough for the replay format's JSON examples to stay on one line each. */
    private static final int USAGE_WIDTH = 100;
    private static final int MAX_MESSAGE = 400;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    private boolean verbose;

    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err, System.getenv());
        System.out.flush();
        System.exit(exitCode);
    }

    /**
     * Runs one command.
     *
     * @param environment where {@code DATABASE_URL} and the other variables are read
     * @return the exit code: {@value #OK}, {@value #PROBLEMS} or {@value #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Terminal terminal = new Terminal(out, err, environment);
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine commandLine = new CommandLine(new Main())
                .addSubcommand(new DemoCommand(terminal))
                .addSubcommand(new SimulateCommand(terminal))
                .addSubcommand(new ReplayCommand(terminal))
                .addSubcommand(new MigrationCommands.Check(terminal))
                .addSubcommand(new MigrationCommands.Migrate(terminal))
                .addSubcommand(new MigrationCommands.Info(terminal))
                .addSubcommand(new MigrationCommands.Align(terminal))
                .addSubcommand(new AuditCommand(terminal))
                .addSubcommand(new BenchCommand(terminal));
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("error: " + firstLine(exception.getMessage()) + " (see '"
                    + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            if (exception instanceof CommandFailure failure) {
                err.println("error: " + firstLine(failure.getMessage()));
                if (verbose && failure.getCause() != null) {
                    failure.getCause().printStackTrace(err);
                }
                return failure.exitCode();
            }
            err.println("error: " + describe(exception) + (verbose ? "" : " (run again with --verbose for details)"));
            if (verbose) {
                exception.printStackTrace(err);
            }
            return PROBLEMS;
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given");
    }

    /** One line for an unexpected exception: its message, or its type when it has none. */
    static String describe(Throwable exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : firstLine(message);
    }

    /**
     * The first line of a message, cut at {@value #MAX_MESSAGE} characters: a driver's message may quote a
     * whole batch of SQL, which {@code --verbose} shows in full.
     */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).strip();
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + " ...";
    }
}
