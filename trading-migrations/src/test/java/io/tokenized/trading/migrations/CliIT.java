package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliIT {

    @Test
    void migratesFromTheDirectUrlVariableThenChecksClean() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.UUID);
            Map<String, String> environment = Map.of(
                    "DATABASE_URL", "postgresql://app:pw@ep-nowhere-pooler.invalid/db",
                    "DIRECT_URL", database.url().jdbcUrl() + userParameters(database));

            Run migrate = run(environment, "migrate", "--user-id-type", "uuid");
            Run again = run(environment, "migrate", "--user-id-type=uuid");
            Run info = run(environment, "info");
            Run validate = run(environment, "validate");
            Run check = run(environment, "check", "--user-id-type", "uuid");

            assertThat(migrate.code).as(migrate.err).isEqualTo(Cli.OK);
            assertThat(migrate.out).contains("applied 2 migration(s)", "to version 2");
            assertThat(again.out).contains("already at version 2, nothing to apply");
            assertThat(info.code).isEqualTo(Cli.OK);
            assertThat(info.out).contains("current version 2").containsPattern("1\\s+domain tables\\s+Success")
                    .containsPattern("2\\s+orders requested terms\\s+Success");
            assertThat(validate.code).isEqualTo(Cli.OK);
            assertThat(check.code).as(check.out + check.err).isEqualTo(Cli.OK);
            assertThat(check.out).contains("connection      ok postgresql://")
                    .containsPattern("server\\s+PostgreSQL \\d+")
                    .containsPattern("endpoint\\s+direct")
                    .containsPattern("tls\\s+off")
                    .containsPattern("auth tables\\s+public: user, session, account, verification, jwks")
                    .containsPattern("domain tables\\s+public: 6 of 6 present")
                    .containsPattern("migrations\\s+trading_schema_history: version 2, 0 pending")
                    .containsPattern("drift\\s+none against version 2")
                    .containsPattern("result\\s+OK");
        }
    }

    @Test
    void checkReportsProblemsOnADatabaseWithoutDomainTables() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);

            Run check = run(Map.of(), "check", "--url", database.url().jdbcUrl() + userParameters(database));

            assertThat(check.code).isEqualTo(Cli.PROBLEMS);
            assertThat(check.out).containsPattern("domain tables\\s+public: 0 of 6 present")
                    .containsPattern("migrations\\s+trading_schema_history: version none, 2 pending")
                    .contains("no domain tables: run migrate (or align)")
                    .containsPattern("result\\s+2 problem\\(s\\)");
        }
    }

    @Test
    void checkAndAlignReportADriftedLegacyTable() throws Exception {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            Catalogs.createLegacyDomainTables(database, TradingMigrations.builder(database.dataSource()).build());
            database.execute("alter table public.user_balances drop constraint user_balances_available_not_negative");
            String url = database.url().jdbcUrl() + userParameters(database);

            Run check = run(Map.of(), "check", "--url", url);
            Run align = run(Map.of(), "align", "--url", url, "--version", "1");

            assertThat(check.code).isEqualTo(Cli.PROBLEMS);
            assertThat(check.out).contains("constraint user_balances.user_balances_available_not_negative: missing");
            assertThat(align.code).isEqualTo(Cli.PROBLEMS);
            assertThat(align.out).contains("NOT aligned: 1 difference(s) from version 1; nothing was changed");
        }
    }

    @Test
    void alignAdoptsLegacyTablesAtTheVersionTheyMatchThenMigrateAppliesTheRest() throws Exception {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            Catalogs.createLegacyDomainTables(database, TradingMigrations.builder(database.dataSource()).build());
            String url = database.url().jdbcUrl() + userParameters(database);

            Run align = run(Map.of(), "align", "--url", url);
            Run migrate = run(Map.of(), "migrate", "--url", url);

            assertThat(align.code).as(align.err).isEqualTo(Cli.OK);
            assertThat(align.out).contains("aligned: the domain tables in schema public match version 1");
            assertThat(migrate.code).as(migrate.err).isEqualTo(Cli.OK);
            assertThat(migrate.out).contains("applied 1 migration(s), from 1 to version 2");
        }
    }

    @Test
    void exitsWithTwoWhenItCannotConnectOrIsMisused() {
        Run unreachable = run(Map.of(), "check", "--url", "postgresql://app:s3cr3t@127.0.0.1:1/db");
        Run pooled = run(Map.of("DATABASE_URL", "postgresql://app:s3cr3t@ep-x-pooler.invalid/db"), "migrate");
        Run noDatabase = run(Map.of(), "info");
        Run unknownCommand = run(Map.of(), "upgrade");
        Run badUrl = run(Map.of(), "check", "--url", "mysql://app:s3cr3t@h/db");
        Run help = run(Map.of(), "--help");

        assertThat(unreachable.code).isEqualTo(Cli.CANNOT_RUN);
        assertThat(unreachable.out).contains("connection      FAILED postgresql://app:***@127.0.0.1:1/db");
        assertThat(unreachable.err).contains("cannot connect").doesNotContain("s3cr3t");
        assertThat(pooled.code).isEqualTo(Cli.CANNOT_RUN);
        assertThat(pooled.err).contains("Refusing to migrate through a connection pooler").doesNotContain("s3cr3t");
        assertThat(noDatabase.code).isEqualTo(Cli.CANNOT_RUN);
        assertThat(noDatabase.err).contains("pass --url or set DIRECT_URL");
        assertThat(unknownCommand.code).isEqualTo(Cli.CANNOT_RUN);
        assertThat(unknownCommand.err).contains("unknown command 'upgrade'", "usage:");
        assertThat(badUrl.code).isEqualTo(Cli.CANNOT_RUN);
        assertThat(badUrl.err).contains("Not a PostgreSQL URL").doesNotContain("s3cr3t");
        assertThat(help.code).isEqualTo(Cli.OK);
        assertThat(help.out).contains("migrate", "info", "validate", "align", "check");
    }

    private static String userParameters(TestDatabase database) {
        String query = database.url().jdbcUrl().contains("?") ? "&" : "?";
        return query + "user=" + database.url().user().orElseThrow()
                + database.url().password().map(password -> "&password=" + password).orElse("");
    }

    private static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
