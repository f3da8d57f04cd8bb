package io.tokenized.trading.migrations;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and quoting of the names that go into our SQL. Stateless. */
final class SqlIdentifiers {

    /** A type name as a placeholder may carry it: {@code text}, {@code uuid}, {@code bigint}, {@code varchar(36)}. */
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_ ]*(\\(\\d{1,4}\\))?");
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private SqlIdentifiers() {
    }

    static String requireIdentifier(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException(what + " is longer than PostgreSQL's 63 bytes: " + name);
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character");
        }
        return name;
    }

    static String requireTypeName(String type) {
        if (type == null) {
            throw new IllegalArgumentException("user id type is null");
        }
        String normalized = type.strip().toLowerCase(Locale.ROOT);
        if (!TYPE_NAME.matcher(normalized).matches()) {
            throw new IllegalArgumentException("user id type '" + type + "' is not a plain type name such as "
                    + "text, uuid, integer, bigint or varchar(36)");
        }
        return normalized;
    }

    /** {@code "name"}, with embedded quotes doubled: safe for any identifier. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
