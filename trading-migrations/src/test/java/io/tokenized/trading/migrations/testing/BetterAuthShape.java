package io.tokenized.trading.migrations.testing;

/** How the auth owner's tooling lays out Better Auth's tables. */
public enum BetterAuthShape {
    /** The Better Auth CLI (Kysely): quoted camelCase columns, timestamptz. */
    CLI_CAMEL_CASE,
    /** The drizzle adapter (drizzle-kit): snake_case columns, timestamp without time zone. */
    DRIZZLE_SNAKE_CASE
}
