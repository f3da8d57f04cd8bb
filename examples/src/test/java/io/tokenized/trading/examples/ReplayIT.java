package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabaseExtension;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fixed flow on PostgreSQL, then the audit of what it left; one database for the class, in order. */
@ExtendWith(TestDatabaseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    @Test
    @Order(1)
    void replayOnADatabaseWritesTheSameEventsAsInMemoryByteForByte(TestDatabase database) throws IOException {
        database.createBetterAuthTables(BetterAuthShape.CLI_CAMEL_CASE, UserIdKind.TEXT);

        Commands.Outcome outcome = Commands.run("replay", ReplayTest.FLOW.toString(), "--database",
                TestUrls.of(database));

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo(Files.readString(ReplayTest.EXPECTED, StandardCharsets.UTF_8));
    }

    @Test
    @Order(2)
    void auditOfTheReplayedDatabaseIsClean(TestDatabase database) {
        Commands.Outcome outcome = Commands.run("audit", "--database", TestUrls.of(database));

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("clean, every invariant holds");
    }

    @Test
    @Order(3)
    void auditFindsABalanceThatNoJournalEntryExplainsAndExitsNonZero(TestDatabase database) {
        database.execute("update public.user_balances set available = available + 1 "
                + "where user_id = 'taker' and asset_id = 'USD'");

        Commands.Outcome outcome = Commands.run("audit", "--database", TestUrls.of(database));

        assertThat(outcome.exitCode()).isEqualTo(Main.PROBLEMS);
        assertThat(outcome.out()).contains("break(s)").contains("BREAK").contains("taker");
    }

    @Test
    @Order(4)
    void auditReadsDatabaseUrlWhenNoDatabaseIsGiven(TestDatabase database) {
        Commands.Outcome outcome = Commands.runWith(Map.of("DATABASE_URL", TestUrls.of(database)),
                "audit");

        assertThat(outcome.exitCode()).isEqualTo(Main.PROBLEMS);
        assertThat(outcome.out()).contains("audit of ").contains(database.name());
    }
}
