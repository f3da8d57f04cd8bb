package io.tokenized.trading.jdbi;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.Optional;

/**
 * What the store checks once at start: the migration state of the trading schema and the user id type
 * the migrations chose. {@code schema} is the already quoted schema name. Stateless SQL object.
 */
interface SchemaChecks {

    /** The latest successfully applied version, e.g. {@code 1}; empty when none is. */
    @SqlQuery("select version from <schema>.trading_schema_history where success and version is not null "
            + "order by installed_rank desc limit 1")
    Optional<String> currentVersion(@Define("schema") String schema);

    /** How many migrations are recorded as failed. */
    @SqlQuery("select count(*) from <schema>.trading_schema_history where not success")
    int failedMigrations(@Define("schema") String schema);

    /** The SQL type of {@code orders.user_id} ({@code text}, {@code uuid}, ...); empty without the table. */
    @SqlQuery("select format_type(a.atttypid, a.atttypmod) from pg_attribute a "
            + "where a.attrelid = to_regclass(:ordersTable) and a.attname = 'user_id' and not a.attisdropped")
    Optional<String> userIdType(@Bind("ordersTable") String quotedOrdersTable);
}
