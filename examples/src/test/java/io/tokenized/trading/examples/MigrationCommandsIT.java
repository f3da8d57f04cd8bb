package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationCommandsIT {

    @Test
    void checkPassesOnAMigratedDatabaseWithAuthTables() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            String url = TestUrls.of(database);

            Commands.Outcome migrate = Commands.run("migrate", "--url", url);
            Commands.Outcome info = Commands.run("info", "--url", url);
            Commands.Outcome check = Commands.run("check", "--url", url);

            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            assertThat(migrate.out()).contains("applied 2 migration(s)");
            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.out()).contains("current version 2");
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        }
    }

    @Test
    void checkFailsOnADatabaseWithoutAuthTables() {
        try (TestDatabase database = TestDatabases.create()) {
            Commands.Outcome check = Commands.run("check", "--url", TestUrls.of(database));

            assertThat(check.exitCode()).isEqualTo(Main.PROBLEMS);
            assertThat(check.out()).containsIgnoringCase("auth");
        }
    }

    @Test
    void checkReadsTheDirectUrlFromTheEnvironmentLikeTheMigrationsCommandLine() {
        try (TestDatabase database = TestDatabases.create()) {
            Commands.Outcome check = Commands.runWith(Map.of("DIRECT_URL", TestUrls.of(database)), "check");

            assertThat(check.exitCode()).isEqualTo(Main.PROBLEMS);
            assertThat(check.out()).contains(database.name());
        }
    }

    @Test
    void migrateWithoutAuthTablesIsAOneLineErrorThatSaysTheOrder() {
        try (TestDatabase database = TestDatabases.create()) {
            Commands.Outcome migrate = Commands.run("migrate", "--url", TestUrls.of(database));

            assertThat(migrate.exitCode()).isEqualTo(Main.PROBLEMS);
            assertThat(migrate.errLines()).isOne();
            assertThat(migrate.err()).startsWith("error: ").contains("auth migrations first");
        }
    }

    @Test
    void alignOnAnAlreadyMigratedSchemaSaysToUseMigrate() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            String url = TestUrls.of(database);
            assertThat(Commands.run("migrate", "--url", url).exitCode()).isZero();

            Commands.Outcome align = Commands.run("align", "--url", url);

            assertThat(align.exitCode()).isEqualTo(Main.PROBLEMS);
            assertThat(align.errLines()).isOne();
            assertThat(align.err()).contains("Use migrate");
        }
    }
}
