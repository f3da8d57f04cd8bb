package io.tokenized.trading.examples;

import io.tokenized.trading.migrations.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code check}, {@code migrate}, {@code info} and {@code align}: the trading-migrations command line
 * ({@link Cli}), with the same flags and exit codes, so one jar carries every operation.
 *
 * <p>Each command object runs once; not thread-safe.
 */
final class MigrationCommands {

    private static final String EXIT_CODES = "Exit codes: 0 ok, 1 problems found, 2 bad usage or cannot connect.";

    private MigrationCommands() {
    }

    /** The flags every migration command takes, as {@link Cli} spells them. */
    static final class Flags {
        @Option(names = "--url", paramLabel = "URL",
                description = "Database URL (postgresql://, postgres:// or jdbc:postgresql:); default: DIRECT_URL, "
                        + "else DATABASE_URL_UNPOOLED, else DATABASE_URL.")
        String url;

        @Option(names = "--schema", paramLabel = "NAME", description = "Schema of the domain tables (default public).")
        String schema;

        @Option(names = "--auth-schema", paramLabel = "NAME",
                description = "Schema of the auth user table (default public).")
        String authSchema;

        @Option(names = "--auth-table", paramLabel = "NAME", description = "Auth user table (default user).")
        String authTable;

        @Option(names = "--auth-id-column", paramLabel = "NAME",
                description = "Id column of the auth user table (default id).")
        String authIdColumn;

        @Option(names = "--user-id-type", paramLabel = "TYPE",
                description = "Type of user ids: text (default), uuid, ...")
        String userIdType;

        @Option(names = "--no-user-foreign-keys", description = "Create no foreign keys to the auth user table.")
        boolean noUserForeignKeys;

        @Option(names = "--allow-pooled",
                description = "Accept a connection pooler endpoint (not recommended for migrations).")
        boolean allowPooled;

        List<String> arguments(String command) {
            List<String> args = new ArrayList<>(List.of(command));
            add(args, "--url", url);
            add(args, "--schema", schema);
            add(args, "--auth-schema", authSchema);
            add(args, "--auth-table", authTable);
            add(args, "--auth-id-column", authIdColumn);
            add(args, "--user-id-type", userIdType);
            if (noUserForeignKeys) {
                args.add("--no-user-foreign-keys");
            }
            if (allowPooled) {
                args.add("--allow-pooled");
            }
            return args;
        }

        private static void add(List<String> args, String name, String value) {
            if (value != null) {
                args.add(name);
                args.add(value);
            }
        }
    }

    /** Runs the migrations command line with the flags. */
    private abstract static class Delegating implements Callable<Integer> {
        private final Terminal terminal;

        @Mixin
        Flags flags;

        Delegating(Terminal terminal) {
            this.terminal = terminal;
        }

        List<String> arguments(String command) {
            return flags.arguments(command);
        }

        final int delegate(String command) {
            return Cli.run(arguments(command).toArray(String[]::new), terminal.out(), terminal.err(),
                    terminal.environment());
        }
    }

    @Command(name = "check", sortOptions = false,
            header = "Connection check: server, endpoint, TLS, auth and domain tables, migration state, drift.",
            description = {"Connects, then reports the server version, whether the endpoint is a pooler or direct, "
                    + "TLS, the auth tables, the domain tables, the migration state and schema drift, as one "
                    + "readable report.", ""},
            footer = {"", EXIT_CODES})
    static final class Check extends Delegating {
        Check(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            return delegate("check");
        }
    }

    @Command(name = "migrate", sortOptions = false,
            header = "Applies the pending trading migrations.",
            description = {"Applies the pending trading migrations. Checks first that the auth user table exists "
                    + "(the auth migrations run first) and refuses a pooler endpoint: use the direct URL.", ""},
            footer = {"", EXIT_CODES})
    static final class Migrate extends Delegating {
        Migrate(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            return delegate("migrate");
        }
    }

    @Command(name = "info", sortOptions = false,
            header = "Shows the applied and pending trading migrations.",
            description = {"Shows the applied and pending trading migrations.", ""},
            footer = {"", EXIT_CODES})
    static final class Info extends Delegating {
        Info(Terminal terminal) {
            super(terminal);
        }

        @Override
        public Integer call() {
            return delegate("info");
        }
    }

    @Command(name = "align", sortOptions = false,
            header = "Adopts domain tables an earlier backend created, or reports how they differ.",
            description = {"Adopts domain tables an earlier backend created: if they match what a version "
                    + "expects, records that version as applied; otherwise reports every difference and changes "
                    + "nothing.", ""},
            footer = {"", EXIT_CODES})
    static final class Align extends Delegating {
        @Option(names = "--version", paramLabel = "VERSION",
                description = "The version the existing tables should match (default: the newest they match).")
        String version;

        Align(Terminal terminal) {
            super(terminal);
        }

        @Override
        List<String> arguments(String command) {
            List<String> args = super.arguments(command);
            if (version != null) {
                args.add("--version");
                args.add(version);
            }
            return args;
        }

        @Override
        public Integer call() {
            return delegate("align");
        }
    }
}
