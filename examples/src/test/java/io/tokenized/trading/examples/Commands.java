package io.tokenized.trading.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the examples' command line in-process, capturing what it prints. */
final class Commands {

    /** What one run printed and returned. */
    record Outcome(int exitCode, String out, String err) {
        /** The non-empty lines of stderr. */
        long errLines() {
            return err.lines().filter(line -> !line.isBlank()).count();
        }
    }

    private Commands() {
    }

    static Outcome run(String... args) {
        return runWith(Map.of(), args);
    }

    static Outcome runWith(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = Main.run(args, outStream, errStream, environment);
        }
        return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
