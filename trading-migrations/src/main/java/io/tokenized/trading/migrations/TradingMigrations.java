package io.tokenized.trading.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * The domain tables as packaged Flyway migrations, applied beside a host's auth tables.
 *
 * <pre>{@code
 * DatabaseUrl url = DatabaseUrl.migrationFromEnvironment(System.getenv()).orElseThrow();
 * MigrationResult result = TradingMigrations.builder(url).build().migrate();
 * }</pre>
 *
 * <p>Scripts live at {@value #LOCATION} (not under a host's {@code db/migration}), the history in
 * {@value #HISTORY_TABLE} of the configured schema. Before any DDL, {@link #migrate()} and
 * {@link #align(String)} check that the auth user table exists with the configured id column and type, and
 * refuse a pooled endpoint unless {@linkplain Builder#allowPooled(boolean) allowed}. Concurrent
 * {@code migrate} calls from several processes are serialized by an advisory lock: the later one waits and
 * finds nothing left to do.
 *
 * <p>Hosts that prefer their own Flyway can run the same scripts with a second Flyway instance: location
 * {@code classpath:}{@value #LOCATION}, table {@value #HISTORY_TABLE}, {@code baselineOnMigrate(true)} with
 * baseline version {@code 0}, and the {@link #placeholders()} of a configured instance. Keep it apart from the
 * host's own history table: both start at version 1.
 *
 * <p>Immutable and thread-safe; every call opens and closes its own connections.
 */
public final class TradingMigrations {

    /** Classpath location of the scripts. */
    public static final String LOCATION = "io/tokenized/trading/migrations/sql";
    /** Name of the history table, in the configured schema. */
    public static final String HISTORY_TABLE = "trading_schema_history";
    /** The domain tables, in creation order. */
    public static final List<String> DOMAIN_TABLES = List.of("tokenized_assets", "orders", "trades",
            "transactions", "user_balances", "order_book_snapshots");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final Pattern VERSIONED_SCRIPT = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");
    private static final String ALIGN_DESCRIPTION = "aligned with existing domain tables";

    private final DataSource dataSource;
    private final String target;
    private final Optional<DatabaseUrl> url;
    private final String schema;
    private final String authUserSchema;
    private final String authUserTable;
    private final String authUserIdColumn;
    private final String userIdType;
    private final boolean createUserForeignKeys;
    private final boolean allowPooled;

    private TradingMigrations(Builder builder) {
        this.dataSource = builder.dataSource;
        this.url = Optional.ofNullable(builder.url);
        this.target = builder.url == null ? "the given DataSource" : builder.url.toString();
        this.schema = builder.schema;
        this.authUserSchema = builder.authUserSchema;
        this.authUserTable = builder.authUserTable;
        this.authUserIdColumn = builder.authUserIdColumn;
        this.userIdType = builder.userIdType;
        this.createUserForeignKeys = builder.createUserForeignKeys;
        this.allowPooled = builder.allowPooled;
    }

    /** Migrations over connections from {@code dataSource} (a direct, unpooled endpoint). */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /** Migrations over {@code url} (a direct, unpooled endpoint: see {@link DatabaseUrl#direct()}). */
    public static Builder builder(DatabaseUrl url) {
        Objects.requireNonNull(url, "url");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url.jdbcUrl());
        url.user().ifPresent(dataSource::setUser);
        url.password().ifPresent(dataSource::setPassword);
        return new Builder(dataSource, url);
    }

    /**
     * Applies every pending migration. A schema that already holds tables (the auth tables) is baselined
     * at version 0 first, so V1 still runs. Waits while another process migrates the same schema.
     *
     * @throws MigrationException when the database cannot be reached, the endpoint is pooled, the auth user
     *                            table is missing or mismatched (nothing is changed then), or a script fails
     */
    public MigrationResult migrate() {
        refusePooledEndpoint();
        try (Connection connection = connect()) {
            checkPrerequisites(connection);
            return MigrationLock.holding(connect(), schema, () -> {
                Flyway flyway = flyway(null);
                Optional<String> before = currentVersion(flyway);
                MigrateResult result = flyway.migrate();
                String after = currentVersion(flyway).orElse("0");
                return new MigrationResult(schema, before, after, result.migrationsExecuted);
            });
        } catch (SQLException e) {
            throw databaseFailure("Migration of schema " + schema + " failed", e);
        } catch (FlywayException e) {
            throw new MigrationException(scrub("Migration of schema " + schema + " failed: " + e.getMessage()), e);
        }
    }

    /** The applied and pending migrations of the schema. */
    public MigrationInfo info() {
        requireReachable();
        try {
            return info(flyway(null));
        } catch (FlywayException e) {
            throw new MigrationException(scrub("Reading the migration state failed: " + e.getMessage()), e);
        }
    }

    /** Compares the applied migrations with the packaged scripts (checksums, versions). Changes nothing. */
    public ValidationResult validate() {
        requireReachable();
        try {
            ValidateResult result = flyway(null).validateWithResult();
            List<String> problems = new ArrayList<>();
            if (!result.validationSuccessful) {
                if (result.invalidMigrations != null) {
                    result.invalidMigrations.forEach(invalid -> problems.add(
                            (invalid.version == null ? invalid.filepath : "version " + invalid.version)
                                    + ": " + invalid.errorDetails.errorMessage));
                }
                if (problems.isEmpty()) {
                    problems.add(result.getAllErrorMessages());
                }
            }
            return new ValidationResult(problems);
        } catch (FlywayException e) {
            throw new MigrationException(scrub("Validation failed: " + e.getMessage()), e);
        }
    }

    /**
     * Adopts domain tables that an earlier backend created: compares the live tables with what
     * {@code version} creates (columns, types, nullability, defaults, constraints, indexes, triggers and
     * their functions, by name). If they match, the history records {@code version} as applied and later
     * {@link #migrate()} calls continue from there; otherwise every difference is reported and nothing is
     * changed.
     *
     * <p>The expected shape is obtained by running the scripts into a scratch schema inside a transaction
     * that is rolled back: nothing of it remains.
     *
     * @throws MigrationException       when the schema already has a migration history, or on the failures
     *                                  {@link #migrate()} reports
     * @throws IllegalArgumentException when {@code version} is not a packaged version
     */
    public AlignResult align(String version) {
        Objects.requireNonNull(version, "version");
        return adopt(version);
    }

    /**
     * {@link #align(String)} at the newest packaged version the live tables match, so tables an earlier
     * backend created at an older version are recorded as that version and {@link #migrate()} applies the
     * later ones. When no version matches, nothing is changed and the differences from the closest version
     * (the fewest differences, the newest among equals) are reported. Throws as {@link #align(String)}.
     */
    public AlignResult align() {
        return adopt(null);
    }

    /** Aligns at {@code version}, or when it is null at the newest packaged version the tables match. */
    private AlignResult adopt(String version) {
        refusePooledEndpoint();
        try (Connection connection = connect()) {
            checkPrerequisites(connection);
            return MigrationLock.holding(connect(), schema, () -> {
                Optional<String> current = historyVersion(connection);
                if (current.isPresent()) {
                    throw new MigrationException("Schema " + schema + " already has a migration history (version "
                            + current.get() + "); align adopts unmanaged tables only. Use migrate.");
                }
                DriftReport drift = version == null ? closestDrift(connection) : compare(connection, version);
                if (!drift.matches()) {
                    return new AlignResult(drift, false);
                }
                flyway(drift.version()).baseline();
                return new AlignResult(drift, true);
            });
        } catch (SQLException e) {
            throw databaseFailure("Align of schema " + schema + " failed", e);
        } catch (FlywayException e) {
            throw new MigrationException(scrub("Align of schema " + schema + " failed: " + e.getMessage()), e);
        }
    }

    /**
     * Compares the live domain tables with what the current version creates: the latest applied one, or
     * when nothing is applied yet the packaged version {@link #align()} would pick (the newest they match,
     * else the closest). Changes nothing.
     */
    public DriftReport checkDrift() {
        try (Connection connection = connect()) {
            // a bare baseline marker (version 0) means nothing of ours is applied yet
            Optional<String> applied = historyVersion(connection).filter(version -> !"0".equals(version));
            return applied.isPresent() ? compare(connection, applied.get()) : closestDrift(connection);
        } catch (SQLException e) {
            throw databaseFailure("Drift check of schema " + schema + " failed", e);
        }
    }

    /**
     * Checks, without changing anything, that the auth user table exists with the configured id column,
     * type and a unique key on it.
     *
     * @throws MigrationException naming what is missing and the order: auth migrations first, then trading
     */
    public void checkPrerequisites() {
        try (Connection connection = connect()) {
            checkPrerequisites(connection);
        } catch (SQLException e) {
            throw databaseFailure("Prerequisite check failed", e);
        }
    }

    /** The schema that holds (or will hold) the domain tables. */
    public String schema() {
        return schema;
    }

    /** The placeholder values the scripts need, for hosts that run {@value #LOCATION} from their own Flyway. */
    public Map<String, String> placeholders() {
        return placeholders(schema);
    }

    // ---------------------------------------------------------------------------------------------

    private Map<String, String> placeholders(String tradingSchema) {
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("trading_schema", SqlIdentifiers.quote(tradingSchema));
        placeholders.put("auth_user_schema", SqlIdentifiers.quote(authUserSchema));
        placeholders.put("auth_user_table", SqlIdentifiers.quote(authUserTable));
        placeholders.put("auth_user_id_column", SqlIdentifiers.quote(authUserIdColumn));
        placeholders.put("user_id_type", userIdType);
        placeholders.put("create_user_foreign_keys", Boolean.toString(createUserForeignKeys));
        return placeholders;
    }

    private Flyway flyway(String baselineVersion) {
        return Flyway.configure(TradingMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + LOCATION)
                .failOnMissingLocations(true)
                .table(HISTORY_TABLE)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                // the schema usually holds the auth tables already: without a baseline V1 would be skipped
                .baselineOnMigrate(true)
                .baselineVersion(baselineVersion == null ? "0" : baselineVersion)
                .baselineDescription(baselineVersion == null ? "<< Flyway Baseline >>" : ALIGN_DESCRIPTION)
                .placeholders(placeholders(schema))
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    private MigrationInfo info(Flyway flyway) {
        List<MigrationStatus> migrations = new ArrayList<>();
        for (org.flywaydb.core.api.MigrationInfo migration : flyway.info().all()) {
            migrations.add(new MigrationStatus(
                    migration.getVersion() == null ? "" : migration.getVersion().getVersion(),
                    migration.getDescription(),
                    migration.getState().getDisplayName(),
                    Optional.ofNullable(migration.getInstalledOn()).map(java.util.Date::toInstant)));
        }
        return new MigrationInfo(schema, currentVersion(flyway), migrations);
    }

    private static Optional<String> currentVersion(Flyway flyway) {
        org.flywaydb.core.api.MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null
                ? Optional.empty() : Optional.of(current.getVersion().getVersion());
    }

    /** The latest version recorded in the history table, without Flyway (which would create nothing, but is slower). */
    private Optional<String> historyVersion(Connection connection) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "select to_regclass(?) is not null")) {
            exists.setString(1, SqlIdentifiers.quote(schema) + "." + SqlIdentifiers.quote(HISTORY_TABLE));
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        List<MigrationVersion> versions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version from " + SqlIdentifiers.quote(schema) + "."
                     + SqlIdentifiers.quote(HISTORY_TABLE) + " where success and version is not null")) {
            while (rows.next()) {
                versions.add(MigrationVersion.fromVersion(rows.getString(1)));
            }
        }
        return versions.stream().max(Comparator.naturalOrder()).map(MigrationVersion::getVersion);
    }

    /** The scripts on the classpath, oldest first; read without a database, from a directory or a jar. */
    private static List<PackagedScript> packagedScripts() {
        List<PackagedScript> scripts = new ArrayList<>();
        try {
            Enumeration<URL> locations = TradingMigrations.class.getClassLoader().getResources(LOCATION);
            while (locations.hasMoreElements()) {
                URL location = locations.nextElement();
                if ("jar".equals(location.getProtocol())) {
                    JarURLConnection jar = (JarURLConnection) location.openConnection();
                    jar.setUseCaches(false);
                    try (JarFile file = jar.getJarFile()) {
                        file.stream().map(JarEntry::getName)
                                .filter(name -> name.startsWith(LOCATION + "/")
                                        && name.indexOf('/', LOCATION.length() + 1) < 0)
                                .forEach(name -> addScript(scripts, name.substring(LOCATION.length() + 1)));
                    }
                } else if ("file".equals(location.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                        files.forEach(file -> addScript(scripts, file.getFileName().toString()));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new MigrationException("Cannot list the migration scripts at classpath:" + LOCATION, e);
        }
        scripts.sort(Comparator.comparing(PackagedScript::version));
        return scripts;
    }

    private static void addScript(List<PackagedScript> scripts, String fileName) {
        Matcher matcher = VERSIONED_SCRIPT.matcher(fileName);
        if (matcher.matches()) {
            scripts.add(new PackagedScript(MigrationVersion.fromVersion(matcher.group(1).replace('_', '.')), fileName));
        }
    }

    /**
     * The live tables compared with each packaged version, newest first: the first that matches, else the
     * one with the fewest differences (the newest among equals).
     */
    private DriftReport closestDrift(Connection connection) throws SQLException {
        List<PackagedScript> scripts = packagedScripts();
        if (scripts.isEmpty()) {
            throw new MigrationException("No migration scripts found at classpath:" + LOCATION);
        }
        DriftReport closest = null;
        for (int i = scripts.size() - 1; i >= 0; i--) {
            DriftReport drift = compare(connection, scripts.get(i).version().getVersion());
            if (drift.matches()) {
                return drift;
            }
            if (closest == null || drift.differences().size() < closest.differences().size()) {
                closest = drift;
            }
        }
        return closest;
    }

    private DriftReport compare(Connection connection, String version) throws SQLException {
        MigrationVersion wanted = MigrationVersion.fromVersion(version);
        List<PackagedScript> scripts = packagedScripts().stream()
                .filter(script -> script.version().compareTo(wanted) <= 0).toList();
        if (scripts.stream().noneMatch(script -> script.version().equals(wanted))) {
            throw new IllegalArgumentException("No packaged migration has version " + version + " (packaged: "
                    + packagedScripts().stream().map(s -> s.version().getVersion()).toList() + ")");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            String scratch = "trading_align_" + UUID.randomUUID().toString().replace("-", "");
            SchemaCatalog expected;
            try (Statement statement = connection.createStatement()) {
                statement.execute("create schema " + SqlIdentifiers.quote(scratch));
                for (PackagedScript script : scripts) {
                    statement.execute(substitute(script.text(), placeholders(scratch)));
                }
                expected = SchemaCatalog.read(connection, scratch, authUserSchema, DOMAIN_TABLES);
            } finally {
                connection.rollback();
            }
            SchemaCatalog live = SchemaCatalog.read(connection, schema, authUserSchema, DOMAIN_TABLES);
            connection.rollback();
            return new DriftReport(version, expected.differencesFrom(live, DOMAIN_TABLES));
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String substitute(String sql, Map<String, String> placeholders) {
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        while (matcher.find()) {
            String value = placeholders.get(matcher.group(1));
            if (value == null) {
                throw new MigrationException("Script uses unknown placeholder " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Checked before anything else, so a pooled URL is refused even when it cannot be reached. */
    void refusePooledEndpoint() {
        if (allowPooled) {
            return;
        }
        boolean pooled = url.map(DatabaseUrl::isPooled).orElseGet(this::isPooledDataSource);
        if (pooled) {
            String direct = url.map(u -> " (direct endpoint: " + u.direct() + ")").orElse("");
            throw new MigrationException("Refusing to migrate through a connection pooler endpoint " + target
                    + ": migrations need a direct connection (session-level locks and settings break behind"
                    + " PgBouncer). Use DIRECT_URL or DATABASE_URL_UNPOOLED" + direct
                    + ", or allowPooled(true) / --allow-pooled to override.");
        }
    }

    private boolean isPooledDataSource() {
        try {
            // pgjdbc's own data sources know their address without connecting
            if (dataSource.isWrapperFor(BaseDataSource.class)) {
                return DatabaseUrl.parse(dataSource.unwrap(BaseDataSource.class).getUrl()).isPooled();
            }
        } catch (SQLException | IllegalArgumentException e) {
            // fall through to asking a connection
        }
        try (Connection connection = connect()) {
            return DatabaseUrl.parse(connection.getMetaData().getURL()).isPooled();
        } catch (SQLException | IllegalArgumentException e) {
            // an address we cannot read is not known to be pooled
            return false;
        }
    }

    private void checkPrerequisites(Connection connection) throws SQLException {
        if (!createUserForeignKeys) {
            return;
        }
        String table = SqlIdentifiers.quote(authUserSchema) + "." + SqlIdentifiers.quote(authUserTable);
        String order = " Run the auth migrations first (Better Auth CLI or drizzle-kit), then the trading"
                + " migrations.";
        try (PreparedStatement statement = connection.prepareStatement("""
                select c.oid is not null,
                       a.attnum is not null,
                       format_type(a.atttypid, null),
                       a.atttypid = to_regtype(?),
                       exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisunique
                                  and i.indnatts = 1 and i.indkey[0] = a.attnum and i.indpred is null)
                  from (select 1) one
                  left join pg_namespace n on n.nspname = ?
                  left join pg_class c on c.relnamespace = n.oid and c.relname = ? and c.relkind in ('r', 'p')
                  left join pg_attribute a on a.attrelid = c.oid and a.attname = ? and not a.attisdropped
                """)) {
            statement.setString(1, userIdType);
            statement.setString(2, authUserSchema);
            statement.setString(3, authUserTable);
            statement.setString(4, authUserIdColumn);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    throw new MigrationException("Auth user table " + table + " does not exist; the trading tables"
                            + " reference it." + order);
                }
                if (!row.getBoolean(2)) {
                    throw new MigrationException("Auth user table " + table + " has no column "
                            + SqlIdentifiers.quote(authUserIdColumn) + "; the trading tables reference it." + order);
                }
                if (!row.getBoolean(4)) {
                    throw new MigrationException("Auth user id " + table + "." + SqlIdentifiers.quote(authUserIdColumn)
                            + " is of type " + row.getString(3) + " but the trading tables are configured for "
                            + userIdType + ": set the user id type to " + row.getString(3)
                            + " (userIdType / --user-id-type).");
                }
                if (!row.getBoolean(5)) {
                    throw new MigrationException("Auth user id " + table + "." + SqlIdentifiers.quote(authUserIdColumn)
                            + " has no primary key or unique constraint, so foreign keys cannot reference it." + order);
                }
            }
        }
    }

    /** Fails with our message, rather than Flyway's, when the database cannot be reached. */
    private void requireReachable() {
        Connection connection = connect();
        try {
            connection.close();
        } catch (SQLException e) {
            throw databaseFailure("Cannot close the connection to " + target, e);
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw databaseFailure("Cannot connect to " + target, e);
        }
    }

    private MigrationException databaseFailure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        return new MigrationException(scrub(what + ": " + e.getMessage() + state), e);
    }

    /** Removes the password from a message, should a driver or Flyway ever echo it. */
    private String scrub(String message) {
        String text = message == null ? "" : message;
        Optional<String> password = url.flatMap(DatabaseUrl::password).filter(p -> !p.isEmpty());
        return password.map(p -> text.replace(p, "***")).orElse(text);
    }

    /** A packaged script and its text. */
    private record PackagedScript(MigrationVersion version, String name) {

        String text() {
            String resource = LOCATION + "/" + name;
            try (InputStream in = TradingMigrations.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new MigrationException("Migration script missing from the classpath: " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MigrationException("Cannot read migration script " + resource, e);
            }
        }
    }

    /** How to reach the database and where the tables go. Not thread-safe; build once. */
    public static final class Builder {

        private final DataSource dataSource;
        private final DatabaseUrl url;
        private String schema = "public";
        private String authUserSchema = "public";
        private String authUserTable = "user";
        private String authUserIdColumn = "id";
        private String userIdType = "text";
        private boolean createUserForeignKeys = true;
        private boolean allowPooled;

        private Builder(DataSource dataSource, DatabaseUrl url) {
            this.dataSource = dataSource;
            this.url = url;
        }

        /** The schema of the domain tables and the history table; created when missing. Default {@code public}. */
        public Builder schema(String schema) {
            this.schema = SqlIdentifiers.requireIdentifier(schema, "schema");
            return this;
        }

        /** The schema of the auth user table. Default {@code public}. */
        public Builder authUserSchema(String authUserSchema) {
            this.authUserSchema = SqlIdentifiers.requireIdentifier(authUserSchema, "auth user schema");
            return this;
        }

        /** The auth user table, unquoted. Default {@code user} (Better Auth). */
        public Builder authUserTable(String authUserTable) {
            this.authUserTable = SqlIdentifiers.requireIdentifier(authUserTable, "auth user table");
            return this;
        }

        /** The auth user id column, unquoted. Default {@code id}. */
        public Builder authUserIdColumn(String authUserIdColumn) {
            this.authUserIdColumn = SqlIdentifiers.requireIdentifier(authUserIdColumn, "auth user id column");
            return this;
        }

        /** The type of user ids, as the auth user table has it: {@code text} (default), {@code uuid}, ... */
        public Builder userIdType(String userIdType) {
            this.userIdType = SqlIdentifiers.requireTypeName(userIdType);
            return this;
        }

        /**
         * Whether user id columns get foreign keys to the auth user table ({@code ON DELETE RESTRICT}).
         * Default true; without them the prerequisite check is skipped too.
         */
        public Builder createUserForeignKeys(boolean createUserForeignKeys) {
            this.createUserForeignKeys = createUserForeignKeys;
            return this;
        }

        /** Whether a pooler endpoint is accepted anyway. Default false: migrations need a direct connection. */
        public Builder allowPooled(boolean allowPooled) {
            this.allowPooled = allowPooled;
            return this;
        }

        public TradingMigrations build() {
            return new TradingMigrations(this);
        }
    }
}
