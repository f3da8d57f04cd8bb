package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsTextLeftAndNumbersRightUnderARule() {
        TextTable table = new TextTable("user", "available").numeric(1);
        table.row("alice", "1000.00").row("bob", "5.5");

        assertThat(print(table)).isEqualTo("""
                user   available
                -----  ---------
                alice    1000.00
                bob          5.5
                """);
    }

    @Test
    void blankHeadersPrintRowsOnly() {
        TextTable table = new TextTable("", "").numeric(1);
        table.row("commands", "3,000").row("trades", "12");

        assertThat(print(table)).isEqualTo("""
                commands  3,000
                trades       12
                """);
    }

    private static String print(TextTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            table.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
