package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start is the tested code: its java block after the "Quick start" heading must equal
 * the region of QuickStart.java between the markers (indentation removed).
 */
class ReadmeQuickStartTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path README = MODULE.resolve("../README.md").normalize();
    private static final Path SOURCE = MODULE.resolve("src/main/java/io/tokenized/trading/examples/QuickStart.java");

    @Test
    void readmeQuickStartIsTheCompiledQuickStartRegion() throws IOException {
        List<String> region = region(Files.readAllLines(SOURCE, StandardCharsets.UTF_8));
        String expected = String.join("\n", region);
        String paste = "Paste this into README.md under a heading \"Quick start\", as a ```java block:\n\n```java\n"
                + expected + "\n```\n";
        if (!Files.exists(README)) {
            fail("README.md does not exist yet at " + README + ". " + paste);
        }
        List<String> block = javaBlockAfterQuickStart(Files.readAllLines(README, StandardCharsets.UTF_8));
        if (block == null) {
            fail("README.md has no ```java block after a \"Quick start\" heading. " + paste);
        }

        assertThat(String.join("\n", dedent(block)))
                .as("the README's quick start differs from QuickStart.java; " + paste)
                .isEqualTo(expected);
    }

    @Test
    void quickStartRegionIsAtMostFifteenLinesOfCode() throws IOException {
        List<String> region = region(Files.readAllLines(SOURCE, StandardCharsets.UTF_8));

        assertThat(region).isNotEmpty().hasSizeLessThanOrEqualTo(15);
    }

    /** The lines between the markers, indentation removed. */
    static List<String> region(List<String> source) {
        int begin = -1;
        int end = -1;
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i).strip();
            if (line.equals("// quick-start:begin")) {
                begin = i;
            } else if (line.equals("// quick-start:end")) {
                end = i;
            }
        }
        assertThat(begin).as("the // quick-start:begin marker").isNotNegative();
        assertThat(end).as("the // quick-start:end marker after the begin marker").isGreaterThan(begin);
        return dedent(source.subList(begin + 1, end));
    }

    /** The body of the first ```java fence after a heading that says "Quick start", or null. */
    static List<String> javaBlockAfterQuickStart(List<String> readme) {
        boolean afterHeading = false;
        List<String> block = null;
        for (String line : readme) {
            if (block != null) {
                if (line.strip().equals("```")) {
                    return block;
                }
                block.add(line);
            } else if (line.startsWith("#")) {
                afterHeading = line.replace("#", "").strip().equalsIgnoreCase("quick start");
            } else if (afterHeading && line.strip().equals("```java")) {
                block = new ArrayList<>();
            }
        }
        return null;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            result.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        return result;
    }
}
