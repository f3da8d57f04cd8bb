package io.tokenized.trading.jdbi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code pg_advisory_xact_lock} key of a market: the first 64 bits of SHA-256 over a namespace, the
 * schema and the asset id. Stable across processes, library versions and JVMs (unlike
 * {@code String.hashCode} mixing), distinct per schema so two trading schemas in one database do not
 * serialise each other, and practically free of collisions with other users of advisory locks.
 * Stateless.
 */
final class MarketLocks {

    private static final String NAMESPACE = "io.tokenized.trading/market/";

    private MarketLocks() {
    }

    static long key(String schema, String assetId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((NAMESPACE + schema + "/" + assetId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
