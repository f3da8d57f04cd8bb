package io.tokenized.trading.core.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core module stays pure: no database, migration or logging library, and a store port that holds
 * only interfaces and the records they carry. Reads the main sources, so a new file is checked too.
 */
class CoreDependencyRuleTest {
    private static final Path MAIN = Path.of("src", "main", "java", "io", "tokenized", "trading", "core");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> FORBIDDEN = List.of("java.sql", "javax.sql", "org.jdbi", "org.flywaydb",
            "org.postgresql", "com.zaxxer", "org.slf4j", "java.util.logging", "java.lang.System.Logger",
            "org.apache.logging", "org.apache.commons.logging", "ch.qos.logback");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^public\\s+(?:sealed\\s+|final\\s+|abstract\\s+)*(class|interface|record|enum)\\s", Pattern.MULTILINE);

    @Test
    void coreImportsNoDatabaseMigrationOrLoggingLibrary() {
        List<String> violations = new ArrayList<>();
        for (Path source : sources(MAIN)) {
            Matcher imports = IMPORT.matcher(read(source));
            while (imports.find()) {
                String imported = imports.group(2);
                for (String forbidden : FORBIDDEN) {
                    if (imported.startsWith(forbidden)) {
                        violations.add(MAIN.relativize(source) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(sources(MAIN)).hasSizeGreaterThan(30);
        assertThat(violations).isEmpty();
    }

    @Test
    void coreNamesNoForbiddenPackageEvenWithoutAnImport() {
        List<String> violations = new ArrayList<>();
        for (Path source : sources(MAIN)) {
            String text = read(source);
            for (String forbidden : FORBIDDEN) {
                if (text.contains(forbidden + ".")) {
                    violations.add(MAIN.relativize(source) + " names " + forbidden);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void thePortHoldsOnlyInterfacesAndRecords() {
        List<String> violations = new ArrayList<>();
        for (Path source : sources(MAIN.resolve("port"))) {
            if (source.getFileName().toString().equals("package-info.java")) {
                continue;
            }
            Matcher declaration = TYPE_DECLARATION.matcher(read(source));
            if (!declaration.find() || !List.of("interface", "record").contains(declaration.group(1))) {
                violations.add(source.getFileName() + " is not an interface or a record");
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
