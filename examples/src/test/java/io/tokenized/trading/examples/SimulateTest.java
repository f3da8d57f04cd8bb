package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SimulateTest {

    @TempDir
    Path temp;

    @Test
    void inMemoryRunPrintsASummaryAndWritesAReportWhoseChartsParse() throws Exception {
        Path report = temp.resolve("report.html");

        Commands.Outcome outcome = Commands.run("simulate", "--in-memory", "--traders", "3", "--orders", "3000",
                "--report", report.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("commands +3,000").contains("latency p99").contains("audit")
                .containsPattern("audit +clean");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        // self-contained: nothing is loaded from anywhere
        assertThat(html).doesNotContainPattern("(src|href)\\s*=").doesNotContain("url(", "@import");
        List<Document> charts = SvgDocuments.parse(html);
        assertThat(charts).hasSize(3);
        for (Document chart : charts) {
            assertThat(chart.getDocumentElement().getLocalName()).isEqualTo("svg");
        }
    }

    @Test
    void progressLineIsWrittenToStandardErrorWhenAsked() {
        Commands.Outcome outcome = Commands.run("simulate", "--in-memory", "--traders", "2", "--duration", "1200ms",
                "--progress");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("commands").contains("/s").contains("%");
        assertThat(outcome.out()).doesNotContain("\r");
    }
}
