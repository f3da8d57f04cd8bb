package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.engine.AssetResult;
import io.tokenized.trading.core.engine.AuditReport;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TransferResult;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.port.TradingStore;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixtures beside the integration tests: the assets (USD, and ACME and BETA quoted in it), engines as
 * host instances would build them, funding, and the audit. Stateless.
 */
final class Exchanges {
    static final String USD = "USD";
    static final String ACME = "ACME";
    static final String BETA = "BETA";
    static final String FEES = "fees";

    private Exchanges() {
    }

    static TradingEngine engine(TradingStore store) {
        return TradingEngine.builder().store(store).feeAccount(FEES).build();
    }

    /** USD (2 decimals) and the ACME and BETA markets (0 decimals, tick 0.01, lot 1, fees 10/20 bps). */
    static void createMarkets(TradingEngine engine) {
        assertThat(engine.createAsset(Asset.cash(USD, "US dollar", 2))).isInstanceOf(AssetResult.Done.class);
        for (String market : new String[] {ACME, BETA}) {
            assertThat(engine.createAsset(Asset.token(market, market + " share", 0, USD, new BigDecimal("0.01"),
                    BigDecimal.ONE, BigDecimal.ONE, 10, 20))).isInstanceOf(AssetResult.Done.class);
        }
    }

    static void fund(TradingEngine engine, String user, String asset, String amount) {
        assertThat(engine.deposit(user, asset, new BigDecimal(amount), "fund-" + UUID.randomUUID()))
                .isInstanceOf(TransferResult.Completed.class);
    }

    static void assertAuditClean(TradingEngine auditor) {
        AuditReport report = auditor.audit();
        assertThat(report.isClean()).as(report.toString()).isTrue();
    }

    static PlaceResult.Placed placed(PlaceResult result) {
        assertThat(result).isInstanceOf(PlaceResult.Placed.class);
        return (PlaceResult.Placed) result;
    }
}
