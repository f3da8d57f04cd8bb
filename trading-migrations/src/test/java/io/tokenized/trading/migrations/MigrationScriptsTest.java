package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads the packaged SQL: what it may and may not say about tables that are not ours. */
class MigrationScriptsTest {

    private static final List<String> AUTH_TABLES = List.of("user", "session", "account", "verification", "jwks");
    private static final Pattern AUTH_PLACEHOLDER = Pattern.compile("\\$\\{auth_user_(schema|table|id_column)}");
    private static final Pattern REFERENCES_CLAUSE = Pattern.compile(
            "references \\$\\{auth_user_schema}\\.\\$\\{auth_user_table} \\(\\$\\{auth_user_id_column}\\) on delete restrict");

    @Test
    void thereAreScripts() throws Exception {
        assertThat(scripts()).isNotEmpty();
    }

    @Test
    void namesTheAuthUserTableOnlyInReferencesClauses() throws Exception {
        long references = 0;
        for (Path script : scripts()) {
            String sql = withoutComments(Files.readString(script, StandardCharsets.UTF_8)).toLowerCase(Locale.ROOT);
            String withoutReferences = REFERENCES_CLAUSE.matcher(sql).replaceAll("");

            references += REFERENCES_CLAUSE.matcher(sql).results().count();
            assertThat(AUTH_PLACEHOLDER.matcher(withoutReferences).find()).as(script + " names the auth table elsewhere")
                    .isFalse();
            for (String authTable : AUTH_TABLES) {
                assertThat(withoutReferences).as(script + " names auth table " + authTable)
                        .doesNotContainPattern("\"" + authTable + "\"")
                        .doesNotContainPattern("\\bpublic\\." + authTable + "\\b")
                        .doesNotContainPattern("(?:table|on|into|from|update)\\s+" + authTable + "\\b");
            }
        }
        assertThat(references).as("the five user foreign keys").isEqualTo(5);
    }

    @Test
    void qualifiesEveryTableFunctionAndReferenceWithItsSchemaPlaceholder() throws Exception {
        Pattern named = Pattern.compile("\\b(create table|alter table|(?m:^)update|create function|execute function"
                + "|references|create (?:unique )?index \\w+ on|create trigger \\w+\\s+[a-z ]+? on)\\s+([^\\s(;]+)");
        int namedObjects = 0;
        for (Path script : scripts()) {
            String sql = withoutComments(Files.readString(script, StandardCharsets.UTF_8)).toLowerCase(Locale.ROOT);
            List<String> targets = new ArrayList<>();
            Matcher matcher = named.matcher(sql);
            while (matcher.find()) {
                targets.add(matcher.group(1).replaceAll("\\s+", " ") + " " + matcher.group(2));
            }
            assertThat(targets).as(script.toString()).isNotEmpty().allSatisfy(target -> assertThat(target)
                    .matches(".* \\$\\{trading_schema}\\.\\w+|references \\$\\{auth_user_schema}\\.\\$\\{auth_user_table}"));
            assertThat(sql).as("drops nothing").doesNotContainPattern("\\bdrop\\b");
            namedObjects += targets.size();
        }
        assertThat(namedObjects).as("objects named in all scripts").isGreaterThan(20);
    }

    @Test
    void keepsMoneyExact() throws Exception {
        for (Path script : scripts()) {
            String sql = withoutComments(Files.readString(script, StandardCharsets.UTF_8)).toLowerCase(Locale.ROOT);
            assertThat(sql).doesNotContainPattern("\\b(real|double precision|float\\d*|money)\\b");
        }
    }

    private static List<Path> scripts() throws IOException, URISyntaxException {
        URL location = MigrationScriptsTest.class.getClassLoader().getResource(TradingMigrations.LOCATION);
        assertThat(location).as("classpath:" + TradingMigrations.LOCATION).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }
}
