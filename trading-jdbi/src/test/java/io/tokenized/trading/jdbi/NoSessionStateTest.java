package io.tokenized.trading.jdbi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store must work through a transaction-mode pooler (Neon's PgBouncer), where session state leaks
 * between clients or is refused: no SET, no search_path, no session advisory lock, no LISTEN, no
 * session-level isolation change, no connection init SQL. Reads the module's sources.
 */
class NoSessionStateTest {

    private static final List<Pattern> SESSION_STATE = List.of(
            Pattern.compile("(?i)\"\\s*set\\s"),
            Pattern.compile("(?i)search_path"),
            Pattern.compile("(?i)pg_(try_)?advisory_lock(_shared)?\\s*\\("),
            Pattern.compile("(?i)\\blisten\\s"),
            Pattern.compile("setTransactionIsolation"),
            Pattern.compile("setConnectionInitSql"),
            Pattern.compile("setSchema\\("));

    @Test
    void theStoreSourcesSetNoSessionState() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.strip().startsWith("*") || line.strip().startsWith("//")) {
                        continue;
                    }
                    for (Pattern pattern : SESSION_STATE) {
                        if (pattern.matcher(line).find()) {
                            offending.add(source.getFileName() + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
        assertThat(Path.of("src/main/java/io/tokenized/trading/jdbi/Statements.java")).content()
                .contains("pg_advisory_xact_lock");
    }
}
