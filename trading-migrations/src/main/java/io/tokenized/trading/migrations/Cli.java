package io.tokenized.trading.migrations;

import java.io.PrintStream;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code migrate | info | validate | align | check}.
 *
 * <pre>
 * java -jar trading-migrations.jar check --url "$DIRECT_URL"
 * </pre>
 *
 * Exit codes: {@value #OK} success, {@value #PROBLEMS} the command ran and found problems (or failed on
 * the database), {@value #CANNOT_RUN} bad usage or the database cannot be reached. {@link #run} is the
 * same logic for other programs (the examples jar exposes these commands too).
 *
 * <p>Stateless; {@link #run} is thread-safe as far as its streams are.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int CANNOT_RUN = 2;

    static final String USAGE = """
            usage: trading-migrations <command> [options]

            commands:
              migrate    apply pending migrations (checks the auth user table first)
              info       show applied and pending migrations
              validate   compare applied migrations with the packaged scripts
              align      adopt domain tables an earlier backend created: baseline if they match, else report
              check      connection check: server, pooled or direct, TLS, auth and domain tables, state, drift

            options:
              --url URL               database URL (postgresql://, postgres:// or jdbc:postgresql:); default:
                                      DIRECT_URL, else DATABASE_URL_UNPOOLED, else DATABASE_URL
              --schema NAME           schema of the domain tables (default public)
              --auth-schema NAME      schema of the auth user table (default public)
              --auth-table NAME       auth user table (default user)
              --auth-id-column NAME   id column of the auth user table (default id)
              --user-id-type TYPE     type of user ids: text (default), uuid, ...
              --no-user-foreign-keys  create no foreign keys to the auth user table
              --allow-pooled          accept a connection pooler endpoint (not recommended for migrations)
              --version VERSION       align: the version the existing tables should match (default: the
                                      newest packaged version they match)
              --help                  this text

            exit codes: 0 ok, 1 problems found, 2 bad usage or cannot connect
            """;

    private Cli() {
    }

    public static void main(String[] args) {
        // Flyway logs every step through java.util.logging when no other logger is present; the report
        // this command prints says what matters, so keep only Flyway's warnings.
        java.util.logging.Logger.getLogger("org.flywaydb").setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs one command.
     *
     * @param environment where {@code DIRECT_URL}, {@code DATABASE_URL_UNPOOLED} and {@code DATABASE_URL} are read
     * @return the exit code: {@value #OK}, {@value #PROBLEMS} or {@value #CANNOT_RUN}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return CANNOT_RUN;
        }
        if (arguments.help) {
            out.print(USAGE);
            return OK;
        }
        DatabaseUrl url;
        TradingMigrations migrations;
        try {
            Optional<DatabaseUrl> given = arguments.url == null
                    ? DatabaseUrl.migrationFromEnvironment(environment) : Optional.of(DatabaseUrl.parse(arguments.url));
            if (given.isEmpty()) {
                err.println("error: no database: pass --url or set " + DatabaseUrl.DIRECT_URL + ", "
                        + DatabaseUrl.DATABASE_URL_UNPOOLED + " or " + DatabaseUrl.DATABASE_URL);
                return CANNOT_RUN;
            }
            url = given.get();
            migrations = arguments.configure(TradingMigrations.builder(url))
                    // check only reads, and reports the endpoint kind itself
                    .allowPooled(arguments.allowPooled || arguments.command.equals("check"))
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return CANNOT_RUN;
        }
        if (arguments.command.equals("migrate") || arguments.command.equals("align")) {
            try {
                migrations.refusePooledEndpoint();
            } catch (MigrationException e) {
                err.println("error: " + e.getMessage());
                return CANNOT_RUN;
            }
        }
        Optional<String> unreachable = probe(url);
        if (unreachable.isPresent()) {
            if (arguments.command.equals("check")) {
                out.println("connection      FAILED " + url);
            }
            err.println("error: cannot connect to " + url + ": " + unreachable.get());
            return CANNOT_RUN;
        }
        try {
            return switch (arguments.command) {
                case "migrate" -> migrate(migrations, out);
                case "info" -> info(migrations, out);
                case "validate" -> validate(migrations, out);
                case "align" -> align(migrations, arguments.version, out);
                case "check" -> new ConnectionCheck(url, migrations, arguments.authSchema, arguments.authTable)
                        .run(out);
                default -> throw new IllegalStateException("unreachable: command was validated");
            };
        } catch (MigrationException e) {
            err.println("error: " + e.getMessage());
            return PROBLEMS;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return CANNOT_RUN;
        }
    }

    private static int migrate(TradingMigrations migrations, PrintStream out) {
        MigrationResult result = migrations.migrate();
        out.println("schema " + result.schema() + ": " + (result.migrationsApplied() == 0
                ? "already at version " + result.versionAfter() + ", nothing to apply"
                : "applied " + result.migrationsApplied() + " migration(s), from "
                + result.versionBefore().orElse("nothing") + " to version " + result.versionAfter()));
        return OK;
    }

    private static int info(TradingMigrations migrations, PrintStream out) {
        MigrationInfo info = migrations.info();
        out.println("schema " + info.schema() + ", current version " + info.currentVersion().orElse("none"));
        out.printf("%-10s %-40s %-12s %s%n", "version", "description", "state", "installed on");
        for (MigrationStatus migration : info.migrations()) {
            out.printf("%-10s %-40s %-12s %s%n", migration.version(), migration.description(), migration.state(),
                    migration.installedOn().map(Object::toString).orElse(""));
        }
        return info.failedCount() == 0 ? OK : PROBLEMS;
    }

    private static int validate(TradingMigrations migrations, PrintStream out) {
        ValidationResult result = migrations.validate();
        if (result.valid()) {
            out.println("valid: applied migrations match the packaged scripts");
            return OK;
        }
        out.println("INVALID:");
        result.problems().forEach(problem -> out.println("  " + problem));
        return PROBLEMS;
    }

    private static int align(TradingMigrations migrations, String version, PrintStream out) {
        AlignResult result = version == null ? migrations.align() : migrations.align(version);
        DriftReport drift = result.drift();
        if (result.baselined()) {
            out.println("aligned: the domain tables in schema " + migrations.schema() + " match version "
                    + drift.version() + "; recorded as applied");
            return OK;
        }
        out.println("NOT aligned: " + drift.differences().size() + " difference(s) from version " + drift.version()
                + "; nothing was changed");
        drift.differences().forEach(difference -> out.println("  " + difference));
        return PROBLEMS;
    }

    /** Connects once; the failure message, if any (pgjdbc's messages never contain the password). */
    private static Optional<String> probe(DatabaseUrl url) {
        try {
            DriverManager.getConnection(url.jdbcUrl(), url.properties()).close();
            return Optional.empty();
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return Optional.of(url.password().filter(p -> !p.isEmpty()).map(p -> message.replace(p, "***"))
                    .orElse(message));
        }
    }

    /** The parsed command line. */
    private static final class Arguments {

        private static final List<String> COMMANDS = List.of("migrate", "info", "validate", "align", "check");

        String command;
        String url;
        String schema;
        String authSchema = "public";
        String authTable = "user";
        String authIdColumn;
        String userIdType;
        String version;
        boolean noUserForeignKeys;
        boolean allowPooled;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    positional.add(arg);
                    continue;
                }
                String name = arg;
                String value = null;
                int equals = arg.indexOf('=');
                if (equals > 0) {
                    name = arg.substring(0, equals);
                    value = arg.substring(equals + 1);
                }
                switch (name) {
                    case "--help" -> parsed.help = true;
                    case "--allow-pooled" -> parsed.allowPooled = true;
                    case "--no-user-foreign-keys" -> parsed.noUserForeignKeys = true;
                    case "--url", "--schema", "--auth-schema", "--auth-table", "--auth-id-column", "--user-id-type",
                            "--version" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException(name + " needs a value");
                            }
                            value = args[++i];
                        }
                        parsed.set(name, value);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (parsed.help) {
                return parsed;
            }
            if (positional.size() != 1) {
                throw new IllegalArgumentException(positional.isEmpty() ? "no command given"
                        : "one command expected, got " + positional);
            }
            parsed.command = positional.get(0);
            if (!COMMANDS.contains(parsed.command)) {
                throw new IllegalArgumentException("unknown command '" + parsed.command + "'");
            }
            if (parsed.version != null && !parsed.command.equals("align")) {
                throw new IllegalArgumentException("--version applies to align only");
            }
            return parsed;
        }

        private void set(String name, String value) {
            switch (name) {
                case "--url" -> url = value;
                case "--schema" -> schema = value;
                case "--auth-schema" -> authSchema = value;
                case "--auth-table" -> authTable = value;
                case "--auth-id-column" -> authIdColumn = value;
                case "--user-id-type" -> userIdType = value;
                case "--version" -> version = value;
                default -> throw new IllegalStateException("unreachable: option was validated");
            }
        }

        TradingMigrations.Builder configure(TradingMigrations.Builder builder) {
            if (schema != null) {
                builder.schema(schema);
            }
            builder.authUserSchema(authSchema).authUserTable(authTable);
            if (authIdColumn != null) {
                builder.authUserIdColumn(authIdColumn);
            }
            if (userIdType != null) {
                builder.userIdType(userIdType);
            }
            return builder.createUserForeignKeys(!noUserForeignKeys);
        }
    }
}
