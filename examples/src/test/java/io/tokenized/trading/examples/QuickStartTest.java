package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void quickStartPrintsTheTradeOfItsTwoCrossingOrders() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        // 4 x 25.00 = 100.00 USD; the taker pays 20 bps of it
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("4 ACME at 25.00 USD, taker fee 0.20"
                + System.lineSeparator());
    }
}
