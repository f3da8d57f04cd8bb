package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabaseExtension;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabaseExtension.class)
class ConcurrentMigrateIT {

    @Test
    void twoSimultaneousMigrationsBothSucceedAndOnlyOneApplies(TestDatabase database) throws Exception {
        database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            // two instances, as two host processes would build them
            List<Future<MigrationResult>> results = List.of(
                    executor.submit(() -> {
                        start.await();
                        return TradingMigrations.builder(database.dataSource()).schema("trading").build().migrate();
                    }),
                    executor.submit(() -> {
                        start.await();
                        return TradingMigrations.builder(database.url()).schema("trading").build().migrate();
                    }));

            int first = results.get(0).get(60, TimeUnit.SECONDS).migrationsApplied();
            int second = results.get(1).get(60, TimeUnit.SECONDS).migrationsApplied();

            assertThat(List.of(first, second)).containsExactlyInAnyOrder(0, 2);
            assertThat(Catalogs.rows(database, "select version from trading.trading_schema_history"
                    + " where version in ('1', '2') and success order by 1")).containsExactly("1", "2");
        } finally {
            executor.shutdownNow();
        }
    }
}
