package io.tokenized.trading.examples;

/**
 * A failure the user can act on: its message is one line that says what is wrong and what to do, and
 * {@link Main} prints it without a stack trace ({@code --verbose} prints its cause's). Immutable.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailure(String message) {
        this(message, Main.PROBLEMS);
    }

    CommandFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Main.PROBLEMS;
    }

    int exitCode() {
        return exitCode;
    }
}
