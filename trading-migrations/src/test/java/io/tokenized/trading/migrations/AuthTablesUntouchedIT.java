package io.tokenized.trading.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenized.trading.migrations.testing.BetterAuthShape;
import io.tokenized.trading.migrations.testing.TestDatabase;
import io.tokenized.trading.migrations.testing.TestDatabases;
import io.tokenized.trading.migrations.testing.UserIdKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthTablesUntouchedIT {

    /** Everything the catalog says about the auth tables, one line per fact, in a stable order. */
    private static final String AUTH_CATALOG = """
            with auth as (
              select c.oid, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and c.relname in ('user', 'session', 'account', 'verification', 'jwks')
                 and c.relkind = 'r')
            select line from (
              select 'table ' || a.relname || ' owner=' || pg_get_userbyid(c.relowner) || ' acl=' || coalesce(c.relacl::text, '')
                     || ' options=' || coalesce(array_to_string(c.reloptions, ','), '') || ' persistence=' || c.relpersistence::text
                     || ' rls=' || c.relrowsecurity::text || ' replica=' || c.relreplident::text || ' type=' || format_type(c.reltype, null)
                as line
                from auth a join pg_class c on c.oid = a.oid
              union all
              select 'column ' || a.relname || '.' || att.attname || ' #' || att.attnum::text || ' ' || format_type(att.atttypid, att.atttypmod)
                     || ' notnull=' || att.attnotnull::text || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                     || ' identity=' || att.attidentity::text || ' collation=' || att.attcollation::text || ' acl=' || coalesce(att.attacl::text, '')
                from auth a join pg_attribute att on att.attrelid = a.oid and att.attnum > 0 and not att.attisdropped
                left join pg_attrdef d on d.adrelid = att.attrelid and d.adnum = att.attnum
              union all
              select 'constraint ' || a.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
                     || ' deferrable=' || con.condeferrable::text || ' validated=' || con.convalidated::text
                from auth a join pg_constraint con on con.conrelid = a.oid
              union all
              select 'index ' || a.relname || '.' || ic.relname || ' ' || pg_get_indexdef(i.indexrelid)
                     || ' owner=' || pg_get_userbyid(ic.relowner) || ' valid=' || i.indisvalid::text
                from auth a join pg_index i on i.indrelid = a.oid join pg_class ic on ic.oid = i.indexrelid
              union all
              select 'trigger ' || a.relname || '.' || t.tgname || ' ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
                from auth a join pg_trigger t on t.tgrelid = a.oid and not t.tgisinternal
              union all
              select 'policy ' || a.relname || '.' || p.polname from auth a join pg_policy p on p.polrelid = a.oid
              union all
              select 'rows ' || a.relname || ' ' || (xpath('/row/c/text()',
                       query_to_xml(format('select md5(coalesce(string_agg(t::text, '','' order by t::text), '''')) as c'
                                           || ' from %I.%I t', 'public', a.relname), false, true, '')))[1]::text
                from auth a
            ) facts order by line""";

    @ParameterizedTest(name = "{0}, {1} ids, trading tables in {2}")
    @CsvSource({"CLI_CAMEL_CASE, TEXT, public", "CLI_CAMEL_CASE, UUID, trading",
            "DRIZZLE_SNAKE_CASE, TEXT, trading", "DRIZZLE_SNAKE_CASE, UUID, public"})
    void leavesEveryAuthTableExactlyAsItWas(BetterAuthShape shape, UserIdKind idKind, String schema) {
        try (TestDatabase database = TestDatabases.create()) {
            database.createBetterAuthTables(shape, idKind);
            // a host trigger and a couple of rows, so triggers and data are compared too
            database.execute("""
                    create function public.touch_user() returns trigger language plpgsql as
                    $$ begin return new; end; $$;
                    create trigger user_touch before update on public."user" for each row execute function public.touch_user();
                    """);
            database.insertUser();
            database.insertUser();
            List<String> before = Catalogs.rows(database, AUTH_CATALOG);

            TradingMigrations.builder(database.dataSource()).schema(schema).userIdType(idKind.sqlType()).build().migrate();

            List<String> after = Catalogs.rows(database, AUTH_CATALOG);
            assertThat(before).hasSizeGreaterThan(40).anyMatch(line -> line.startsWith("trigger user.user_touch"))
                    .anyMatch(line -> line.startsWith("rows user "));
            assertThat(after).containsExactlyElementsOf(before);
            assertThat(Catalogs.tables(database, schema)).containsAll(TradingMigrations.DOMAIN_TABLES);
        }
    }
}
