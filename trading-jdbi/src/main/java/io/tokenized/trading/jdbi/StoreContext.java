package io.tokenized.trading.jdbi;

import java.util.UUID;

/**
 * What every unit and query of one store shares: its statements, asset catalog and settings.
 * Immutable (the catalog is thread-safe).
 */
record StoreContext(Statements sql, AssetCatalog catalog, JdbiStoreConfig config, boolean uuidUserIds) {

    /**
     * Whether a user id can exist at all in the user id type: with uuid ids, a string that is not a UUID
     * names nobody (and would fail the cast in SQL).
     */
    boolean plausibleUserId(String userId) {
        if (!uuidUserIds) {
            return true;
        }
        try {
            UUID.fromString(userId);
            return userId.length() == 36;
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
