package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabaseExtension;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabaseExtension.class)
class HostFlywayIT {

    @Test
    void aHostFlywayWithTheDefaultLocationRunsOnlyTheHostsScriptsAndBothHistoriesStaySeparate(TestDatabase database) {
        Flyway host = Flyway.configure().dataSource(database.dataSource()).baselineOnMigrate(true).load();

        MigrateResult hostFirst = host.migrate();
        database.createBetterAuthTables(BetterAuthShape.DRIZZLE_SNAKE_CASE, UserIdKind.TEXT);
        MigrationResult ours = TradingMigrations.builder(database.dataSource()).build().migrate();
        MigrateResult hostAgain = host.migrate();

        assertThat(hostFirst.migrations).extracting(migration -> migration.filepath)
                .singleElement().asString().endsWith("db/migration/V1__host_notes.sql");
        assertThat(hostAgain.migrationsExecuted).isZero();
        assertThat(host.validateWithResult().validationSuccessful).isTrue();
        assertThat(Arrays.stream(host.info().all()).map(info -> info.getScript()).toList())
                .containsExactly("V1__host_notes.sql");
        assertThat(ours.migrationsApplied()).isEqualTo(2);
        assertThat(Catalogs.rows(database, "select script from public.flyway_schema_history order by installed_rank"))
                .containsExactly("V1__host_notes.sql");
        assertThat(Catalogs.rows(database, "select script from public.trading_schema_history order by installed_rank"))
                .containsExactly("<< Flyway Baseline >>", "V1__domain_tables.sql",
                        "V2__orders_requested_terms.sql");
        assertThat(Catalogs.tables(database, "public")).contains("host_notes").containsAll(TradingMigrations.DOMAIN_TABLES);
    }
}
