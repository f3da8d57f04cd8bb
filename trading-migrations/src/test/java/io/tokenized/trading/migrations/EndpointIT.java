package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Pooled endpoints and unreachable or refused connections: clear errors, no password, no change. */
class EndpointIT {

    private static final DatabaseUrl POOLED = DatabaseUrl.parse(
            "postgresql://app:s3cr3t-pw@ep-quiet-lake-123-pooler.eu-central-1.aws.neon.tech.invalid/neondb?sslmode=require");

    @Test
    void refusesAPooledUrlBeforeConnectingAndNamesTheDirectEndpoint() {
        TradingMigrations migrations = TradingMigrations.builder(POOLED).build();

        assertThatThrownBy(migrations::migrate)
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("Refusing to migrate through a connection pooler endpoint")
                .hasMessageContaining("ep-quiet-lake-123.eu-central-1.aws.neon.tech.invalid")
                .hasMessageContaining("allowPooled(true)")
                .hasMessageNotContaining("s3cr3t-pw");
        assertThatThrownBy(migrations::align).isInstanceOf(MigrationException.class)
                .hasMessageContaining("Refusing to migrate through a connection pooler endpoint");
    }

    @Test
    void refusesAPooledPgjdbcDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://ep-quiet-lake-123-pooler.eu-central-1.aws.neon.tech.invalid/neondb");

        assertThatThrownBy(() -> TradingMigrations.builder(dataSource).build().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("Refusing to migrate through a connection pooler endpoint the given DataSource");
    }

    @Test
    void theOverrideLetsAPooledUrlThroughToTheConnection() {
        TradingMigrations migrations = TradingMigrations.builder(POOLED).allowPooled(true).build();

        assertThatThrownBy(migrations::migrate)
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("Cannot connect to postgresql://app:***@ep-quiet-lake-123-pooler")
                .hasMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void reportsAnUnreachableHostWithoutThePassword() {
        DatabaseUrl unreachable = DatabaseUrl.parse("postgresql://app:s3cr3t-pw@127.0.0.1:1/db");

        assertThatThrownBy(() -> TradingMigrations.builder(unreachable).build().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("Cannot connect to postgresql://app:***@127.0.0.1:1/db")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void reportsARefusedLoginWithoutThePasswordAndChangesNothing() {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
            DatabaseUrl wrongUser = database.url().withCredentials("no_such_role", "s3cr3t-pw");

            assertThatThrownBy(() -> TradingMigrations.builder(wrongUser).build().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("Cannot connect to postgresql://no_such_role:***@")
                    .hasMessageContaining("no_such_role")
                    .hasMessageNotContaining("s3cr3t-pw");
            assertThat(Catalogs.tables(database, "public")).doesNotContainAnyElementsOf(TradingMigrations.DOMAIN_TABLES);
        }
    }
}
