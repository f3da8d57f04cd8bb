package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.TradingException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts database failures into what a re-run resolves and what it does not, and turns them into
 * {@link StoreException}s with a message a host can act on. Stateless.
 */
final class Failures {

    /** Unique keys that two units racing on the same business key hit; the loser's re-run finds the winner. */
    private static final Set<String> RACE_CONSTRAINTS = Set.of("orders_client_order_id_unique",
            "transactions_idempotency_key_unique", "tokenized_assets_pkey", "user_balances_pkey",
            "order_book_snapshots_sequence_unique");

    private Failures() {
    }

    /** The first SQLException in the cause chain, or null. */
    static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    static String sqlState(Throwable failure) {
        ServerErrorMessage server = serverError(failure);
        if (server != null && server.getSQLState() != null) {
            return server.getSQLState();
        }
        SQLException sql = sqlCause(failure);
        return sql == null ? null : sql.getSQLState();
    }

    /** Serialization failure, deadlock, lock timeout, a racing unique key, a lost or killed connection. */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof UnitBalances.StaleBalances) {
            return true;
        }
        String state = sqlState(failure);
        if (state == null) {
            return isConnectionLoss(failure);
        }
        return switch (state) {
            case "40001", "40P01", "55P03" -> true;
            case "23505" -> RACE_CONSTRAINTS.contains(constraint(failure));
            default -> isConnectionLoss(failure);
        };
    }

    /**
     * The connection broke (class 08), the server ended the session (57P01 terminated by an administrator,
     * 57P02 crash shutdown, 57P03 cannot connect now) or the socket failed.
     */
    static boolean isConnectionLoss(Throwable failure) {
        String state = sqlState(failure);
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"))) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The failure as the host sees it: a TradingException as is, anything else as a StoreException. */
    static TradingException translate(String doing, Throwable failure) {
        if (failure instanceof TradingException trading) {
            return trading;
        }
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            return new StoreException(doing + " failed: " + failure, null, failure);
        }
        ServerErrorMessage server = serverError(failure);
        String state = server != null && server.getSQLState() != null ? server.getSQLState() : sql.getSQLState();
        // The server's own message, not a batch exception's, which repeats the whole statement with its values.
        String reason = server != null && server.getMessage() != null ? server.getMessage() : firstLine(sql.getMessage());
        StringBuilder message = new StringBuilder(doing).append(" failed: ").append(reason);
        if (server != null && server.getTable() != null) {
            message.append(" (table ").append(server.getTable()).append(')');
        }
        String constraint = constraint(failure);
        if (constraint != null) {
            message.append(" (constraint ").append(constraint).append(')');
        }
        if (state != null) {
            message.append(" [SQLSTATE ").append(state).append(']');
            if (state.equals("42P01") || state.equals("42703")) {
                message.append("; the trading tables are missing or not at the expected version: run the trading "
                        + "migrations");
            } else if (isConnectionLoss(failure)) {
                message.append("; the database could not be reached or closed the connection");
            }
        }
        return new StoreException(message.toString(), state, failure);
    }

    private static String constraint(Throwable failure) {
        ServerErrorMessage server = serverError(failure);
        return server == null ? null : server.getConstraint();
    }

    /** The server's error report: on a PSQLException in the chain, or behind a failed batch. */
    private static ServerErrorMessage serverError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
            if (t instanceof SQLException sql && sql.getNextException() instanceof PSQLException next
                    && next.getServerErrorMessage() != null) {
                return next.getServerErrorMessage();
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
