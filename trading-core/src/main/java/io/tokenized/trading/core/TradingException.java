package io.tokenized.trading.core;

/**
 * The root of every exception the library throws: bugs and infrastructure failures only. Expected
 * business outcomes (a refused order, insufficient funds) are return values, never exceptions.
 */
public class TradingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TradingException(String message) {
        super(message);
    }

    public TradingException(String message, Throwable cause) {
        super(message, cause);
    }
}
