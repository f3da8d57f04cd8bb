package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.market.Asset;
import org.jdbi.v3.core.Handle;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The assets this store has seen, for unit conversions: an asset's kind, scale and market sizes never
 * change once created, so they are cached for the store's life. Its status and sequence are not: those
 * are always read from the database.
 *
 * <p>Thread-safe: a concurrent map; two threads loading the same asset store equal values.
 */
final class AssetCatalog {

    private final Statements sql;
    private final ConcurrentHashMap<String, Asset> assets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MarketUnits> markets = new ConcurrentHashMap<>();

    AssetCatalog(Statements sql) {
        this.sql = sql;
    }

    /** The asset, loaded through {@code handle} when not cached yet; null when it does not exist. */
    Asset asset(String assetId, Handle handle) {
        Asset known = assets.get(assetId);
        if (known != null) {
            return known;
        }
        Asset loaded = handle.createQuery(sql.asset).bind("id", assetId).map(Rows::asset).findOne().orElse(null);
        if (loaded != null) {
            assets.putIfAbsent(assetId, loaded);
        }
        return loaded;
    }

    /** The scale of an asset that must exist (it has rows referring to it). */
    int scale(String assetId, Handle handle) {
        Asset asset = asset(assetId, handle);
        if (asset == null) {
            throw new IllegalStateException("asset " + assetId + " is referenced but does not exist");
        }
        return asset.scale();
    }

    /** The conversions of a market, or null when the asset does not exist or is not a market. */
    MarketUnits market(String assetId, Handle handle) {
        MarketUnits known = markets.get(assetId);
        if (known != null) {
            return known;
        }
        Asset token = asset(assetId, handle);
        if (token == null || !token.isMarket()) {
            return null;
        }
        Asset quote = asset(token.quoteAssetId(), handle);
        MarketUnits units = new MarketUnits(token, quote);
        markets.putIfAbsent(assetId, units);
        return units;
    }

    /** Remembers an asset read or written in full elsewhere. */
    void remember(Asset asset) {
        assets.putIfAbsent(asset.id(), asset);
    }
}
