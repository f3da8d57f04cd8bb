package io.tokenized.trading.migrations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The migration state of one schema. Immutable.
 *
 * @param schema         the schema holding the domain tables
 * @param currentVersion the latest applied version; empty when nothing is applied yet
 * @param migrations     every packaged and applied migration, oldest first
 */
public record MigrationInfo(String schema, Optional<String> currentVersion, List<MigrationStatus> migrations) {

    public MigrationInfo {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(currentVersion, "currentVersion");
        migrations = List.copyOf(migrations);
    }

    public long pendingCount() {
        return migrations.stream().filter(MigrationStatus::isPending).count();
    }

    public long failedCount() {
        return migrations.stream().filter(MigrationStatus::isFailed).count();
    }
}
