package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    private static final String NEON_POOLED = "postgresql://alex:AbC123dEf@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech"
            + "/neondb?sslmode=require&channel_binding=require";

    @Test
    void turnsANeonUriIntoAJdbcUrlWithCredentialsAsProperties() {
        DatabaseUrl url = DatabaseUrl.parse(NEON_POOLED);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech:5432"
                + "/neondb?sslmode=require&channelBinding=require");
        assertThat(url.properties()).containsEntry("user", "alex").containsEntry("password", "AbC123dEf")
                .containsEntry("sslmode", "require").containsEntry("channelBinding", "require")
                .doesNotContainKey("channel_binding");
        assertThat(url.host()).isEqualTo("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.database()).contains("neondb");
    }

    @Test
    void acceptsThePostgresSchemeAndAnExplicitPort() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:pw@db.example.com:6543/shop");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("pw");
    }

    @Test
    void percentDecodesUserPasswordAndDatabase() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw%2Frd%20%C3%A9@host/my%20db");

        assertThat(url.user()).contains("us@er");
        assertThat(url.password()).contains("p@ss:w/rd é");
        assertThat(url.database()).contains("my db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/my%20db");
    }

    @Test
    void keepsAnUnencodedAtSignInThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://user:p@ss@host/db");

        assertThat(url.password()).contains("p@ss");
        assertThat(url.host()).isEqualTo("host");
    }

    @Test
    void readsAJdbcUrlWithCredentialsInItsParameters() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret"
                + "&sslmode=disable&reWriteBatchedInserts=true");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable"
                + "&reWriteBatchedInserts=true");
        assertThat(url.user()).contains("postgres");
        assertThat(url.password()).contains("secret");
        assertThat(url.parameters()).containsEntry("reWriteBatchedInserts", "true");
    }

    @Test
    void readsTheShortJdbcFormAsADatabaseOnLocalhost() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql:trading");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/trading");
    }

    @Test
    void translatesLibpqParameterSpellingsAndPassesOthersThrough() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h/d?connect_timeout=7&application_name=trader"
                + "&options=-c%20statement_timeout%3D5000&sslrootcert=%2Fetc%2Fca.pem");

        assertThat(url.parameters()).containsEntry("connectTimeout", "7").containsEntry("ApplicationName", "trader")
                .containsEntry("options", "-c statement_timeout=5000").containsEntry("sslrootcert", "/etc/ca.pem");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void readsAnIpv6Host() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@[::1]:5433/d");

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/d");
    }

    @Test
    void leavesTheDatabaseEmptyWhenTheUrlNamesNone() {
        assertThat(DatabaseUrl.parse("postgresql://u@h").database()).isEmpty();
        assertThat(DatabaseUrl.parse("postgresql://u@h/").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/");
    }

    @Test
    void tellsAPooledNeonHostFromItsDirectEndpoint() {
        DatabaseUrl pooled = DatabaseUrl.parse(NEON_POOLED);

        DatabaseUrl direct = pooled.direct();

        assertThat(pooled.isPooled()).isTrue();
        assertThat(direct.isPooled()).isFalse();
        assertThat(direct.host()).isEqualTo("ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        assertThat(direct.properties()).isEqualTo(pooled.properties());
        assertThat(direct.direct()).isSameAs(direct);
        assertThat(DatabaseUrl.parse("postgresql://u@pooler.example.com/d").isPooled()).isFalse();
    }

    @Test
    void neverShowsThePasswordInToString() {
        DatabaseUrl url = DatabaseUrl.parse(NEON_POOLED);

        assertThat(url.toString()).doesNotContain("AbC123dEf").contains("alex:***@")
                .contains("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech");
        assertThat(url.jdbcUrl()).doesNotContain("AbC123dEf").doesNotContain("alex");
    }

    @Test
    void replacesTheDatabaseKeepingServerAndCredentials() {
        DatabaseUrl url = DatabaseUrl.parse(NEON_POOLED).withDatabase("other");

        assertThat(url.database()).contains("other");
        assertThat(url.password()).contains("AbC123dEf");
        assertThat(url.jdbcUrl()).contains("/other?");
    }

    @Test
    void prefersTheDirectVariablesForMigrations() {
        Map<String, String> environment = Map.of(
                "DATABASE_URL", "postgresql://u:p@ep-a-pooler.neon.tech/d",
                "DATABASE_URL_UNPOOLED", "postgresql://u:p@ep-a.neon.tech/d",
                "DIRECT_URL", "postgresql://u:p@direct.example.com/d");

        assertThat(DatabaseUrl.migrationFromEnvironment(environment)).map(DatabaseUrl::host).contains("direct.example.com");
        assertThat(DatabaseUrl.migrationFromEnvironment(Map.of(
                "DATABASE_URL", "postgresql://u:p@ep-a-pooler.neon.tech/d",
                "DATABASE_URL_UNPOOLED", "postgresql://u:p@ep-a.neon.tech/d"))).map(DatabaseUrl::host).contains("ep-a.neon.tech");
        assertThat(DatabaseUrl.migrationFromEnvironment(Map.of("DATABASE_URL", "postgresql://u:p@ep-a-pooler.neon.tech/d")))
                .map(DatabaseUrl::isPooled).contains(true);
        assertThat(DatabaseUrl.runtimeFromEnvironment(environment)).map(DatabaseUrl::host).contains("ep-a-pooler.neon.tech");
        assertThat(DatabaseUrl.migrationFromEnvironment(Map.of("DIRECT_URL", " "))).isEmpty();
    }

    @Test
    void namesTheVariableWhoseValueDoesNotParse() {
        assertThatThrownBy(() -> DatabaseUrl.runtimeFromEnvironment(Map.of("DATABASE_URL", "mysql://u:hunter2@h/d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL: Not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mysql://u:hunter2@h/d                  | Not a PostgreSQL URL",
            "''                                     | empty",
            "postgresql://u:hunter2@h:99999/d       | Port '99999'",
            "postgresql://u:hunter2@h:port/d        | Port 'port'",
            "postgresql://u:hunter2@/d              | names no host",
            "postgresql://u:hunter2@a,b/d           | Several hosts",
            "postgresql://u:hunter2@h/d?sslmode=yes | Unknown sslmode 'yes'",
            "postgresql://u:hunter2@h/d?channel_binding=always | Unknown channel_binding 'always'",
            "postgresql://u:hunter2@h/d?novalue     | Malformed parameter 'novalue'",
            "postgresql://u:hunter2%zz@h/d          | Malformed percent-escape in the password",
            "postgresql://u:hunter2@[::1/d          | Unclosed IPv6",
            "jdbc:postgresql://u:hunter2@h/d        | user= and password= parameters",
            "jdbc:postgresql://h/d?password=hunter2&sslmode=bad | Unknown sslmode 'bad'",
    })
    void rejectsUnusableUrlsWithAMessageThatHidesThePassword(String input, String expectedMessage) {
        assertThatThrownBy(() -> DatabaseUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expectedMessage)
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u:p@h/d", "postgres://u:p@h:6000/d?sslmode=verify-full",
            "jdbc:postgresql://h/d?user=u&password=p"})
    void equalUrlsAreEqual(String text) {
        assertThat(DatabaseUrl.parse(text)).isEqualTo(DatabaseUrl.parse(text))
                .hasSameHashCodeAs(DatabaseUrl.parse(text));
    }
}
