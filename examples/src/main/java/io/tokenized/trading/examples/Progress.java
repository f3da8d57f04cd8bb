package io.tokenized.trading.examples;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr, redrawn in place twice a second: a bar (when the end is known), the commands
 * so far and the live rate over the last interval.
 *
 * <p>Its own daemon thread draws; {@link #close()} stops it and ends the line.
 */
final class Progress implements AutoCloseable {
    private static final int BAR = 30;
    private static final long INTERVAL_MILLIS = 500;

    private final PrintStream err;
    private final Simulation simulation;
    private final Thread thread;
    private volatile boolean running = true;

    private Progress(PrintStream err, Simulation simulation) {
        this.err = err;
        this.simulation = simulation;
        this.thread = new Thread(this::draw, "progress");
        thread.setDaemon(true);
    }

    /** Starts drawing, or returns null when {@code enabled} is false. */
    static Progress startIf(boolean enabled, PrintStream err, Simulation simulation) {
        if (!enabled) {
            return null;
        }
        Progress progress = new Progress(err, simulation);
        progress.thread.start();
        return progress;
    }

    /**
     * Whether a terminal is attached. Java 22 and later return a console even when the streams are
     * redirected and say so with {@code Console.isTerminal()}, which a Java 17 build calls reflectively.
     */
    static boolean consoleAttached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true; // before Java 22 a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private void draw() {
        long previousCount = 0;
        long previousNanos = System.nanoTime();
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long count = simulation.completed();
            long now = System.nanoTime();
            long rate = (count - previousCount) * 1_000_000_000L / Math.max(1, now - previousNanos);
            previousCount = count;
            previousNanos = now;
            err.print("\r" + line(count, rate) + "   ");
            err.flush();
        }
    }

    private String line(long count, long rate) {
        Simulation.Settings settings = simulation.settings();
        long permille;
        if (settings.orders() > 0) {
            permille = Math.min(1000, count * 1000 / settings.orders());
        } else {
            permille = Math.min(1000, simulation.elapsedNanos() / Math.max(1, settings.duration().toNanos() / 1000));
        }
        int filled = (int) (permille * BAR / 1000);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + permille / 10 + "%  "
                + String.format(Locale.ROOT, "%,d commands  %,d/s", count, rate);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r" + " ".repeat(80) + "\r");
        err.flush();
    }
}
