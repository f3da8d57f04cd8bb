package io.tokenized.trading.migrations.testing;

/** The type of Better Auth's {@code user.id}, as the host configured its id generation. */
public enum UserIdKind {
    /** The default: 32 random characters from {@code [a-zA-Z0-9]}. */
    TEXT("text"),
    /** {@code advanced.database.generateId: "uuid"}. */
    UUID("uuid");

    private final String sqlType;

    UserIdKind(String sqlType) {
        this.sqlType = sqlType;
    }

    /** The PostgreSQL type name, as the trading migrations' user id type placeholder takes it. */
    public String sqlType() {
        return sqlType;
    }
}
