package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path FLOW = MODULE.resolve("src/test/resources/replay/flow.jsonl");
    static final Path EXPECTED = MODULE.resolve("src/test/resources/replay/flow.expected.jsonl");
    static final Path SAMPLE = MODULE.resolve("flows/sample-flow.jsonl");

    @TempDir
    Path temp;

    @Test
    void replayOfTheFixedFlowMatchesTheStoredEventsByteForByte() throws IOException {
        Commands.Outcome outcome = Commands.run("replay", FLOW.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo(Files.readString(EXPECTED, StandardCharsets.UTF_8));
    }

    @Test
    void replayWritesTheSameBytesToAFileAsToStandardOutput() throws IOException {
        Path out = temp.resolve("events.jsonl");

        Commands.Outcome outcome = Commands.run("replay", FLOW.toString(), "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEmpty();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(EXPECTED));
    }

    @Test
    void anotherSeedMakesOtherIdsButTheSameEvents() {
        String first = Commands.run("replay", FLOW.toString()).out();
        String second = Commands.run("replay", FLOW.toString(), "--seed", "2").out();

        assertThat(second).isNotEqualTo(first);
        assertThat(withoutIds(second)).isEqualTo(withoutIds(first));
    }

    @Test
    void theDocumentedSampleFlowReplaysWithACleanAudit() {
        Commands.Outcome outcome = Commands.run("replay", SAMPLE.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines().reduce((first, last) -> last).orElseThrow())
                .endsWith("\"event\":\"audit\",\"clean\":true,\"breaks\":[]}");
    }

    @Test
    void malformedLineStopsTheReplayWithItsNumberAndAppliesNothingAfterIt() throws IOException {
        Path flow = flow("""
                {"op":"user","id":"alice"}
                {"op":"user","id":"bob"}
                {"op":"place","user":"alice",
                {"op":"user","id":"carol"}
                """);

        Commands.Outcome outcome = Commands.run("replay", flow.toString());

        assertThat(outcome.exitCode()).isEqualTo(Main.PROBLEMS);
        assertThat(outcome.errLines()).isOne();
        assertThat(outcome.err()).startsWith("error: line 3: not valid JSON").contains("--continue")
                .doesNotContain("Exception");
        assertThat(outcome.out().lines()).containsExactly("{\"line\":1,\"event\":\"user\",\"user\":\"alice\"}",
                "{\"line\":2,\"event\":\"user\",\"user\":\"bob\"}");
    }

    @Test
    void continueSkipsMalformedLinesReportsThemAndExitsWithProblems() throws IOException {
        Path flow = flow("""
                {"op":"user","id":"alice"}
                {"op":"deposit","user":"alice","asset":"USD","amount":"ten","key":"k"}
                {"op":"user","id":"carol","colour":"red"}
                {"op":"user","id":"dave"}
                """);

        Commands.Outcome outcome = Commands.run("replay", flow.toString(), "--continue");

        assertThat(outcome.exitCode()).isEqualTo(Main.PROBLEMS);
        assertThat(outcome.err()).contains("warning: line 2 skipped: \"amount\" is not a decimal number: \"ten\"")
                .contains("warning: line 3 skipped: unknown field \"colour\" for op \"user\"")
                .contains("skipped 2 malformed line(s)");
        assertThat(outcome.out().lines()).containsExactly("{\"line\":1,\"event\":\"user\",\"user\":\"alice\"}",
                "{\"line\":4,\"event\":\"user\",\"user\":\"dave\"}");
    }

    @Test
    void lineThatNamesNoMarketIsReportedWithItsNumber() throws IOException {
        Path flow = flow("""
                {"op":"book","market":"NOPE"}
                """);

        Commands.Outcome outcome = Commands.run("replay", flow.toString());

        assertThat(outcome.exitCode()).isEqualTo(Main.PROBLEMS);
        assertThat(outcome.err()).startsWith("error: line 1: book: ").contains("NOPE");
    }

    @Test
    void missingFlowFileIsABadUsageError() {
        Commands.Outcome outcome = Commands.run("replay", temp.resolve("absent.jsonl").toString());

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.errLines()).isOne();
        assertThat(outcome.err()).startsWith("error: no flow file");
    }

    private Path flow(String text) throws IOException {
        Path flow = temp.resolve("flow.jsonl");
        Files.writeString(flow, text, StandardCharsets.UTF_8);
        return flow;
    }

    private static String withoutIds(String events) {
        return events.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }
}
