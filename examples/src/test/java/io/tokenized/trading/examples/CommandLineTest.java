package io.tokenized.trading.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static final List<String> COMMANDS =
            List.of("demo", "simulate", "replay", "check", "migrate", "info", "align", "audit", "bench");

    @Test
    void topLevelHelpListsEveryCommand() {
        Commands.Outcome outcome = Commands.run("--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        for (String command : COMMANDS) {
            assertThat(outcome.out()).containsPattern("(?m)^  " + command + " +\\S");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "simulate", "replay", "check", "migrate", "info", "align", "audit", "bench"})
    void everyCommandHasHelp(String command) {
        Commands.Outcome outcome = Commands.run(command, "--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("Usage: trading-examples " + command).contains("--verbose");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void noCommandIsAOneLineUsageError() {
        Commands.Outcome outcome = Commands.run();

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.errLines()).isOne();
        assertThat(outcome.err()).startsWith("error: no command given").contains("trading-examples --help");
    }

    @Test
    void unknownCommandIsAOneLineUsageError() {
        Commands.Outcome outcome = Commands.run("trade");

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.errLines()).isOne();
        assertThat(outcome.err()).contains("trade").contains("--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo --colour", "simulate --traders many", "simulate --duration soon",
            "replay flow.jsonl --seed x", "check --no-such-flag", "migrate --url", "align --version",
            "bench --submitters 1,x"})
    void badFlagsAreAOneLineUsageErrorThatPointsToHelp(String commandLine) {
        Commands.Outcome outcome = Commands.run(commandLine.split(" "));

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.errLines()).isOne();
        assertThat(outcome.err()).startsWith("error: ").contains("--help')").doesNotContain("Exception");
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void outOfRangeValuesAreUsageErrors() {
        Commands.Outcome outcome = Commands.run("simulate", "--in-memory", "--traders", "0");

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.err()).isEqualTo("error: --traders must be 1 to 1024, not 0" + System.lineSeparator());
    }

    @Test
    void failuresShowNoStackTraceUnlessVerbose() {
        String[] args = {"replay", ReplayTest.FLOW.toString(), "--out", "no-such-folder/events.jsonl"};

        Commands.Outcome quiet = Commands.run(args);
        Commands.Outcome verbose = Commands.run(append(args, "--verbose"));

        assertThat(quiet.exitCode()).isEqualTo(Main.PROBLEMS);
        assertThat(quiet.errLines()).isOne();
        assertThat(quiet.err()).startsWith("error: cannot write the events to no-such-folder")
                .doesNotContain("\tat ");
        assertThat(verbose.exitCode()).isEqualTo(Main.PROBLEMS);
        assertThat(verbose.err()).startsWith(Main.firstLine(quiet.err())).contains("\tat ");
    }

    @Test
    void pooledUrlForMigrateIsRefusedInOneLineBeforeConnecting() {
        Commands.Outcome outcome = Commands.run("migrate", "--url",
                "postgresql://owner:secret@ep-quiet-fog-123456-pooler.eu-central-1.aws.neon.tech/app?sslmode=require");

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.errLines()).isOne();
        assertThat(outcome.err()).startsWith("error: ").containsIgnoringCase("pool").doesNotContain("secret");
    }

    @Test
    void unreachableDatabaseIsAOneLineErrorWithoutThePassword() {
        Commands.Outcome outcome = Commands.run("migrate", "--url",
                "postgresql://owner:secret@127.0.0.1:1/app?connect_timeout=2");

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.errLines()).isOne();
        assertThat(outcome.err()).startsWith("error: cannot connect").doesNotContain("secret");
    }

    @Test
    void auditWithoutADatabaseSaysHowToNameOne() {
        Commands.Outcome outcome = Commands.run("audit");

        assertThat(outcome.exitCode()).isEqualTo(Main.USAGE);
        assertThat(outcome.err()).isEqualTo("error: no database: pass --database URL or set DATABASE_URL"
                + System.lineSeparator());
    }

    private static String[] append(String[] args, String extra) {
        String[] result = Arrays.copyOf(args, args.length + 1);
        result[args.length] = extra;
        return result;
    }
}
