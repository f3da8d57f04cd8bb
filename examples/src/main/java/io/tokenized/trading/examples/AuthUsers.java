package io.tokenized.trading.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Better Auth's side of the shared database, as the examples need it: the tables the auth owner creates
 * (on the examples' own embedded database only) and the users they sign up.
 *
 * <p>The trading library itself never writes an auth table; the examples do it here to play the auth
 * owner's part. Stateless; thread-safe.
 */
final class AuthUsers {

    /**
     * The tables as {@code @better-auth/cli migrate} creates them (Kysely, quoted camelCase, text ids),
     * in {@code public}.
     */
    static final String CLI_TABLES = """
            create table "user" ("id" text not null primary key, "name" text not null, "email" text not null unique,
              "emailVerified" boolean not null, "image" text,
              "createdAt" timestamptz default CURRENT_TIMESTAMP not null,
              "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);
            create table "session" ("id" text not null primary key, "expiresAt" timestamptz not null,
              "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null,
              "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text,
              "userId" text not null references "user" ("id") on delete cascade);
            create table "account" ("id" text not null primary key, "accountId" text not null,
              "providerId" text not null, "userId" text not null references "user" ("id") on delete cascade,
              "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz,
              "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text,
              "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null);
            create table "verification" ("id" text not null primary key, "identifier" text not null,
              "value" text not null, "expiresAt" timestamptz not null,
              "createdAt" timestamptz default CURRENT_TIMESTAMP not null,
              "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);
            create table "jwks" ("id" text not null primary key, "publicKey" text not null,
              "privateKey" text not null, "createdAt" timestamptz not null, "expiresAt" timestamptz,
              "alg" text, "crv" text);
            create index "session_userId_idx" on "session" ("userId");
            create index "account_userId_idx" on "account" ("userId");
            create index "verification_identifier_idx" on "verification" ("identifier");
            """;

    private AuthUsers() {
    }

    /** Creates Better Auth's tables in {@code public}, as its CLI would. */
    static void createTables(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(CLI_TABLES);
        } catch (SQLException e) {
            throw new CommandFailure("creating the Better Auth tables failed: " + Main.firstLine(e.getMessage()),
                    e);
        }
    }

    /**
     * Signs up users that do not exist yet in {@code public."user"}, with ids as given (Better Auth would make
     * random ones; readable ids make the examples' output readable). Works with both column spellings
     * (CLI camelCase, drizzle snake_case).
     */
    static void signUp(DataSource dataSource, List<String> userIds) {
        try (Connection connection = dataSource.getConnection()) {
            String verifiedColumn = emailVerifiedColumn(connection);
            String sql = "insert into public.\"user\" (\"id\", \"name\", \"email\", \"" + verifiedColumn + "\")"
                    + " values (?, ?, ?, false) on conflict (\"id\") do nothing";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (String id : userIds) {
                    insert.setString(1, id);
                    insert.setString(2, id);
                    insert.setString(3, id + "@example.com");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new CommandFailure("signing up users in \"user\" failed: " + Main.firstLine(e.getMessage()), e);
        }
    }

    private static String emailVerifiedColumn(Connection connection) throws SQLException {
        try (PreparedStatement columns = connection.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = 'public' and table_name = 'user'
                  and column_name in ('emailVerified', 'email_verified')""");
             ResultSet found = columns.executeQuery()) {
            if (!found.next()) {
                throw new CommandFailure("public.\"user\" has neither \"emailVerified\" nor \"email_verified\":"
                        + " create the Better Auth tables first (npx @better-auth/cli migrate)");
            }
            return found.getString(1);
        }
    }
}
