package io.tokenized.trading.migrations;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A PostgreSQL connection address as users hold it, turned into what pgjdbc accepts.
 *
 * <p>Accepts libpq/Neon URIs ({@code postgresql://user:pass@host:port/db?sslmode=require&channel_binding=require},
 * also spelled {@code postgres://}) and pgjdbc URLs ({@code jdbc:postgresql://host/db?user=...}). User, password
 * and database are percent-decoded. libpq parameter spellings that pgjdbc names differently are translated
 * ({@code channel_binding} becomes {@code channelBinding}, which pgjdbc would otherwise silently ignore);
 * other parameters pass through unchanged.
 *
 * <p>{@link #jdbcUrl()} never contains credentials: they travel in {@link #properties()}. {@link #toString()}
 * masks the password. A host whose first label ends in {@code -pooler} (Neon's PgBouncer endpoint) is
 * {@linkplain #isPooled() pooled}; {@link #direct()} names the direct endpoint of the same database.
 *
 * <p>Immutable and thread-safe.
 */
public final class DatabaseUrl {

    /** The variable a host's runtime reads: usually the pooled endpoint. */
    public static final String DATABASE_URL = "DATABASE_URL";
    /** The variable that names the direct (unpooled) endpoint, for migrations (Prisma's spelling). */
    public static final String DIRECT_URL = "DIRECT_URL";
    /** The variable that names the direct (unpooled) endpoint, for migrations (Neon/Vercel's spelling). */
    public static final String DATABASE_URL_UNPOOLED = "DATABASE_URL_UNPOOLED";

    private static final int DEFAULT_PORT = 5432;
    private static final String POOLER_SUFFIX = "-pooler";
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> CHANNEL_BINDINGS = Set.of("disable", "prefer", "require");
    /** libpq spelling -> pgjdbc spelling, for the parameters whose names differ. */
    private static final Map<String, String> LIBPQ_TO_PGJDBC = Map.of(
            "channel_binding", "channelBinding",
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName");

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private DatabaseUrl(String host, int port, String database, String user, String password,
                        Map<String, String> parameters) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Parses a {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql:} address.
     *
     * @throws IllegalArgumentException naming what is wrong (the password is never part of the message)
     */
    public static DatabaseUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("Database URL is empty");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://")) {
            return parseHierarchical(trimmed, trimmed.substring("postgresql://".length()), false);
        }
        if (lower.startsWith("postgres://")) {
            return parseHierarchical(trimmed, trimmed.substring("postgres://".length()), false);
        }
        if (lower.startsWith("jdbc:postgresql://")) {
            return parseHierarchical(trimmed, trimmed.substring("jdbc:postgresql://".length()), true);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            // jdbc:postgresql:database (host localhost, port 5432)
            return parseHierarchical(trimmed, "localhost/" + trimmed.substring("jdbc:postgresql:".length()), true);
        }
        throw new IllegalArgumentException("Not a PostgreSQL URL (expected postgresql://, postgres:// or "
                + "jdbc:postgresql:): " + redact(trimmed));
    }

    /**
     * The address a host's runtime uses: {@value #DATABASE_URL}.
     *
     * @param environment the process environment, e.g. {@code System.getenv()}
     * @throws IllegalArgumentException if the variable is set but unparseable (the message names the variable)
     */
    public static Optional<DatabaseUrl> runtimeFromEnvironment(Map<String, String> environment) {
        return fromVariables(environment, DATABASE_URL);
    }

    /**
     * The address migrations use: {@value #DIRECT_URL}, else {@value #DATABASE_URL_UNPOOLED}, else
     * {@value #DATABASE_URL} (which may be pooled: migrations then refuse it unless told otherwise).
     *
     * @param environment the process environment, e.g. {@code System.getenv()}
     * @throws IllegalArgumentException if the chosen variable is set but unparseable
     */
    public static Optional<DatabaseUrl> migrationFromEnvironment(Map<String, String> environment) {
        return fromVariables(environment, DIRECT_URL, DATABASE_URL_UNPOOLED, DATABASE_URL);
    }

    private static Optional<DatabaseUrl> fromVariables(Map<String, String> environment, String... names) {
        Objects.requireNonNull(environment, "environment");
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                try {
                    return Optional.of(parse(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code jdbc:postgresql://host:port/database?params}, without user or password. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
                .append('/').append(encode(database == null ? "" : database));
        appendQuery(url, parameters);
        return url.toString();
    }

    /** Connection properties for pgjdbc: {@code user}, {@code password} when known, and every parameter. */
    public Properties properties() {
        Properties properties = new Properties();
        parameters.forEach(properties::setProperty);
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The database name; empty when the URL names none (PostgreSQL then uses the user's name). */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The connection parameters in pgjdbc's spelling, e.g. {@code sslmode}, {@code channelBinding}. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Whether the host is a connection pooler endpoint (Neon: a first host label ending in {@code -pooler}). */
    public boolean isPooled() {
        return firstLabel().endsWith(POOLER_SUFFIX);
    }

    /** The same database through its direct endpoint: {@code -pooler} removed from the host; this when direct. */
    public DatabaseUrl direct() {
        if (!isPooled()) {
            return this;
        }
        String label = firstLabel();
        String directHost = label.substring(0, label.length() - POOLER_SUFFIX.length())
                + host.substring(label.length());
        return new DatabaseUrl(directHost, port, database, user, password, parameters);
    }

    /** The same server and credentials, another database (for tools and tests that create databases). */
    public DatabaseUrl withDatabase(String databaseName) {
        Objects.requireNonNull(databaseName, "databaseName");
        if (databaseName.isBlank()) {
            throw new IllegalArgumentException("Database name is blank");
        }
        return new DatabaseUrl(host, port, databaseName, user, password, parameters);
    }

    /** The same address with other credentials. */
    public DatabaseUrl withCredentials(String userName, String newPassword) {
        return new DatabaseUrl(host, port, database, userName, newPassword, parameters);
    }

    /** {@code postgresql://user:***@host:port/db?params}: safe to log. */
    @Override
    public String toString() {
        StringBuilder url = new StringBuilder("postgresql://");
        if (user != null) {
            url.append(encode(user));
            if (password != null) {
                url.append(":***");
            }
            url.append('@');
        }
        url.append(hostForUrl()).append(':').append(port).append('/').append(encode(database == null ? "" : database));
        appendQuery(url, parameters);
        return url.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatabaseUrl that
                && host.equals(that.host) && port == that.port && Objects.equals(database, that.database)
                && Objects.equals(user, that.user) && Objects.equals(password, that.password)
                && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, user, password, parameters);
    }

    /** Masks the password of a URL-like string that may not parse, for error messages. */
    static String redact(String url) {
        String masked = url.replaceAll("(?i)(password=)[^&]*", "$1***");
        int scheme = masked.indexOf("://");
        if (scheme < 0) {
            return masked;
        }
        int query = masked.indexOf('?', scheme + 3);
        int at = masked.lastIndexOf('@', query < 0 ? masked.length() : query);
        if (at < scheme) {
            return masked;
        }
        int colon = masked.indexOf(':', scheme + 3);
        if (colon < 0 || colon > at) {
            return masked;
        }
        return masked.substring(0, colon + 1) + "***" + masked.substring(at);
    }

    private static DatabaseUrl parseHierarchical(String original, String rest, boolean jdbc) {
        int queryStart = rest.indexOf('?');
        String head = queryStart < 0 ? rest : rest.substring(0, queryStart);
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);

        // userinfo ends at the last '@' before the query, so an unencoded '@' or '/' in a password still parses
        String user = null;
        String password = null;
        int at = head.lastIndexOf('@');
        if (at >= 0) {
            if (jdbc) {
                throw new IllegalArgumentException("A jdbc:postgresql: URL carries credentials as user= and "
                        + "password= parameters, not before the host: " + redact(original));
            }
            String userInfo = head.substring(0, at);
            head = head.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name", original);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password", original);
            if (user.isEmpty()) {
                user = null;
            }
        }

        int slash = head.indexOf('/');
        String hostPort = slash < 0 ? head : head.substring(0, slash);
        String database = slash < 0 ? null : decode(head.substring(slash + 1), "database name", original);
        if (database != null && database.isEmpty()) {
            database = null;
        }
        if (database != null && database.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Database name contains '/': " + redact(original));
        }

        String host;
        int port = DEFAULT_PORT;
        if (hostPort.indexOf(',') >= 0) {
            throw new IllegalArgumentException("Several hosts in one URL are not supported; give one host: "
                    + redact(original));
        }
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed IPv6 address: " + redact(original));
            }
            host = hostPort.substring(1, close);
            String afterHost = hostPort.substring(close + 1);
            if (!afterHost.isEmpty()) {
                if (!afterHost.startsWith(":")) {
                    throw new IllegalArgumentException("Unexpected text after the IPv6 address: " + redact(original));
                }
                port = parsePort(afterHost.substring(1), original);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) {
                port = parsePort(hostPort.substring(colon + 1), original);
            }
        }
        host = decode(host, "host", original);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("The URL names no host (Unix sockets are not supported): "
                    + redact(original));
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("Malformed parameter '" + (equals == 0 ? "" : pair)
                            + "' (expected name=value): " + redact(original));
                }
                String name = decode(pair.substring(0, equals), "parameter name", original);
                String value = decode(pair.substring(equals + 1), "parameter " + name, original);
                switch (name) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    case "sslmode" -> parameters.put(name, checked(name, value, SSL_MODES, original));
                    case "channel_binding", "channelBinding" ->
                            parameters.put("channelBinding", checked(name, value, CHANNEL_BINDINGS, original));
                    default -> parameters.put(LIBPQ_TO_PGJDBC.getOrDefault(name, name), value);
                }
            }
        }
        return new DatabaseUrl(host, port, database, user, password, parameters);
    }

    private static String checked(String name, String value, Set<String> allowed, String original) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("Unknown " + name + " '" + value + "' (one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + "): " + redact(original));
        }
        return value;
    }

    private static int parsePort(String text, String original) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole URL
        }
        throw new IllegalArgumentException("Port '" + text + "' is not a number from 1 to 65535: " + redact(original));
    }

    private static String decode(String text, String what, String original) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= text.length()) {
                throw malformedEscape(what, original);
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw malformedEscape(what, original);
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException malformedEscape(String what, String original) {
        return new IllegalArgumentException("Malformed percent-escape in the " + what + ": " + redact(original));
    }

    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static void appendQuery(StringBuilder url, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.forEach((name, value) -> query.add(encode(name) + '=' + encode(value)));
        url.append(query);
    }

    private String hostForUrl() {
        return host.indexOf(':') >= 0 ? '[' + host + ']' : host;
    }

    private String firstLabel() {
        int dot = host.indexOf('.');
        return (dot < 0 ? host : host.substring(0, dot)).toLowerCase(Locale.ROOT);
    }
}
