package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused password. The shared test servers trust local logins, so this test starts its own embedded
 * server whose pg_hba.conf demands passwords (scram-sha-256) from everyone but the superuser.
 */
class WrongPasswordIT {

    @Test
    void reportsAWrongPasswordClearlyWithoutEchoingIt(@TempDir Path directory) throws Exception {
        Path hba = Files.writeString(directory.resolve("pg_hba.conf"), """
                host all postgres 127.0.0.1/32 trust
                host all all      127.0.0.1/32 scram-sha-256
                """);
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString()).start()) {
            try (Connection admin = server.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("create role trader login password 'the-right-one'");
            }
            DatabaseUrl wrong = DatabaseUrl.parse("postgresql://trader:n0t-the-right-one@127.0.0.1:" + server.getPort()
                    + "/postgres");

            assertThatThrownBy(() -> TradingMigrations.builder(wrong).build().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("Cannot connect to postgresql://trader:***@127.0.0.1:")
                    .hasMessageContaining("password authentication failed for user \"trader\"")
                    .hasMessageNotContaining("n0t-the-right-one");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Cli.run(new String[] {"check"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("DIRECT_URL", wrong.toString()
                            .replace("***", "n0t-the-right-one")));
            assertThat(code).isEqualTo(Cli.CANNOT_RUN);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("password authentication failed")
                    .doesNotContain("n0t-the-right-one");
        }
    }
}
