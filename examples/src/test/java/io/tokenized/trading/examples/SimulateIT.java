package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabaseExtension;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestDatabaseExtension.class)
class SimulateIT {

    @TempDir
    Path temp;

    @BeforeAll
    static void createAuthTables(TestDatabase database) {
        database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);
    }

    @Test
    void shortRunOnPostgresqlAuditsCleanAndWritesAReportWhoseChartsParse(TestDatabase database) throws Exception {
        Path report = temp.resolve("simulation.html");

        Commands.Outcome outcome = Commands.run("simulate", "--database", TestUrls.of(database), "--traders", "4",
                "--orders", "1500", "--report", report.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("commands +1,500").containsPattern("audit +clean");
        assertThat(SvgDocuments.parse(Files.readString(report, StandardCharsets.UTF_8))).hasSize(3);
        assertThat(DemoIT.count(database, "select count(*) from public.orders")).isPositive();
    }

    @Test
    void benchRunsEachSubmitterCountAndAuditsClean(TestDatabase database) {
        Commands.Outcome outcome = Commands.run("bench", "--database", TestUrls.of(database), "--submitters", "1,4",
                "--duration", "1s", "--warmup", "500ms", "--accounts", "8");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^ +1 +[0-9,]+ +[0-9,]+ .* clean$")
                .containsPattern("(?m)^ +4 +[0-9,]+ +[0-9,]+ .* clean$");
    }
}
