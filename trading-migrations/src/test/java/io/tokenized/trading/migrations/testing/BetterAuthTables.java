package io.tokenized.trading.migrations.testing;

/** The DDL Better Auth's tooling runs, per shape and id type, in a given schema. Stateless. */
final class BetterAuthTables {

    private BetterAuthTables() {
    }

    static String ddl(BetterAuthShape shape, UserIdKind idKind, String quotedSchema) {
        return switch (shape) {
            case CLI_CAMEL_CASE -> cli(idKind, quotedSchema);
            case DRIZZLE_SNAKE_CASE -> drizzle(idKind, quotedSchema);
        };
    }

    /** As {@code @better-auth/cli migrate} creates them (Kysely, pg). */
    private static String cli(UserIdKind idKind, String s) {
        String id = idKind == UserIdKind.UUID ? "uuid default pg_catalog.gen_random_uuid() not null primary key"
                : "text not null primary key";
        String ref = idKind.sqlType();
        return """
                create table %1$s."user" ("id" %2$s, "name" text not null, "email" text not null unique,
                  "emailVerified" boolean not null, "image" text,
                  "createdAt" timestamptz default CURRENT_TIMESTAMP not null,
                  "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);
                create table %1$s."session" ("id" %2$s, "expiresAt" timestamptz not null, "token" text not null unique,
                  "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null,
                  "ipAddress" text, "userAgent" text,
                  "userId" %3$s not null references %1$s."user" ("id") on delete cascade);
                create table %1$s."account" ("id" %2$s, "accountId" text not null, "providerId" text not null,
                  "userId" %3$s not null references %1$s."user" ("id") on delete cascade, "accessToken" text,
                  "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz,
                  "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text,
                  "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null);
                create table %1$s."verification" ("id" %2$s, "identifier" text not null, "value" text not null,
                  "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null,
                  "updatedAt" timestamptz default CURRENT_TIMESTAMP not null);
                create table %1$s."jwks" ("id" %2$s, "publicKey" text not null, "privateKey" text not null,
                  "createdAt" timestamptz not null, "expiresAt" timestamptz, "alg" text, "crv" text);
                create index "session_userId_idx" on %1$s."session" ("userId");
                create index "account_userId_idx" on %1$s."account" ("userId");
                create index "verification_identifier_idx" on %1$s."verification" ("identifier");
                """.formatted(s, id, ref);
    }

    /** As {@code drizzle-kit generate} writes them for Better Auth's drizzle schema. */
    private static String drizzle(UserIdKind idKind, String s) {
        String id = idKind == UserIdKind.UUID ? "uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL"
                : "text PRIMARY KEY NOT NULL";
        String ref = idKind.sqlType();
        return """
                CREATE TABLE %1$s."user" ("id" %2$s, "name" text NOT NULL, "email" text NOT NULL,
                  "email_verified" boolean DEFAULT false NOT NULL, "image" text,
                  "created_at" timestamp DEFAULT now() NOT NULL, "updated_at" timestamp DEFAULT now() NOT NULL,
                  CONSTRAINT "user_email_unique" UNIQUE("email"));
                CREATE TABLE %1$s."session" ("id" %2$s, "expires_at" timestamp NOT NULL, "token" text NOT NULL,
                  "created_at" timestamp DEFAULT now() NOT NULL, "updated_at" timestamp NOT NULL,
                  "ip_address" text, "user_agent" text, "user_id" %3$s NOT NULL,
                  CONSTRAINT "session_token_unique" UNIQUE("token"));
                CREATE TABLE %1$s."account" ("id" %2$s, "account_id" text NOT NULL, "provider_id" text NOT NULL,
                  "user_id" %3$s NOT NULL, "access_token" text, "refresh_token" text, "id_token" text,
                  "access_token_expires_at" timestamp, "refresh_token_expires_at" timestamp, "scope" text,
                  "password" text, "created_at" timestamp DEFAULT now() NOT NULL, "updated_at" timestamp NOT NULL);
                CREATE TABLE %1$s."verification" ("id" %2$s, "identifier" text NOT NULL, "value" text NOT NULL,
                  "expires_at" timestamp NOT NULL, "created_at" timestamp DEFAULT now() NOT NULL,
                  "updated_at" timestamp DEFAULT now() NOT NULL);
                CREATE TABLE %1$s."jwks" ("id" %2$s, "public_key" text NOT NULL, "private_key" text NOT NULL,
                  "created_at" timestamp NOT NULL, "expires_at" timestamp);
                ALTER TABLE %1$s."account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id")
                  REFERENCES %1$s."user"("id") ON DELETE cascade ON UPDATE no action;
                ALTER TABLE %1$s."session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id")
                  REFERENCES %1$s."user"("id") ON DELETE cascade ON UPDATE no action;
                CREATE INDEX "session_userId_idx" ON %1$s."session" USING btree ("user_id");
                CREATE INDEX "account_userId_idx" ON %1$s."account" USING btree ("user_id");
                CREATE INDEX "verification_identifier_idx" ON %1$s."verification" USING btree ("identifier");
                """.formatted(s, id, ref);
    }

    /** The insert of one user row, with the id as parameter 1 and a unique email as parameter 2. */
    static String insertUser(BetterAuthShape shape, String quotedSchema) {
        return switch (shape) {
            case CLI_CAMEL_CASE -> "insert into " + quotedSchema + ".\"user\" (\"id\", \"name\", \"email\", "
                    + "\"emailVerified\") values (?, 'Test User', ?, false)";
            case DRIZZLE_SNAKE_CASE -> "insert into " + quotedSchema + ".\"user\" (\"id\", \"name\", \"email\") "
                    + "values (?, 'Test User', ?)";
        };
    }
}
