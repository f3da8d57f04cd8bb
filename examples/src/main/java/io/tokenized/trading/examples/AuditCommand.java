package io.tokenized.trading.examples;

import io.tokenized.trading.core.engine.Audit;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.TradingStore;
import io.tokenized.trading.migrations.DatabaseUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: checks every invariant on a live database. Runs once per instance; not thread-safe. */
@Command(name = "audit", sortOptions = false,
        header = "Checks every invariant on a live database; exit code 1 on any break.",
        description = {
                "Checks every invariant of the ledger and the books on a live database, reading only: per asset "
                        + "the balances equal deposits minus withdrawals, no balance below zero, locked amounts "
                        + "equal the open orders' reservations, every trade's legs balance, filled quantities "
                        + "equal the trades, and each market's book rebuilt from the stored orders is uncrossed. "
                        + "It changes nothing (no migrations either) and prints one line per break.",
                ""},
        footer = {"", "Exit codes: 0 every invariant holds, 1 at least one break, 2 bad usage or cannot connect."})
final class AuditCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--database", paramLabel = "URL", description = "The database (default: DATABASE_URL).")
    private String database;

    AuditCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String url = database != null ? database : terminal.variable(DatabaseUrl.DATABASE_URL);
        if (url == null) {
            throw new CommandFailure("no database: pass --database URL or set DATABASE_URL", Main.USAGE);
        }
        DatabaseUrl parsed = TradingDatabase.parse(url);
        TradingDatabase.requireReachable(parsed);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            TradingStore store = StoreFactory.open(parsed, resources);
            AuditReport report = audit(store);
            terminal.out().println("audit of " + parsed + ": " + (report.isClean() ? "clean, every invariant holds"
                    : report.breaks().size() + " break(s)"));
            for (String finding : report.breaks()) {
                terminal.out().println("  BREAK " + finding.replace("\n", "\n        "));
            }
            return report.isClean() ? Main.OK : Main.PROBLEMS;
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception e) {
                    terminal.err().println("warning: closing " + resources.get(i) + " failed: " + Main.describe(e));
                }
            }
        }
    }

    /**
     * The engine's audit (store invariants plus the books). The engine needs an existing fee account to be
     * built; any user with a balance will do, as the audit reads only. A store without balances has no
     * book to rebuild either, and gets the store audit.
     */
    private static AuditReport audit(TradingStore store) {
        List<BalanceRecord> balances = store.allBalances();
        if (balances.isEmpty()) {
            return Audit.check(store);
        }
        return TradingEngine.builder().store(store).feeAccount(balances.get(0).userId()).build().audit();
    }
}
