package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.market.Asset;

import java.util.Objects;

/** What creating an asset or changing a market's status did. */
public sealed interface AssetResult {

    /** Done; {@code asset} is the asset as stored now. */
    record Done(Asset asset) implements AssetResult {
        public Done {
            Objects.requireNonNull(asset, "asset");
        }
    }

    /** Refused; nothing changed. */
    record Rejected(RejectReason reason) implements AssetResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
