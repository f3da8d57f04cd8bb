package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.port.BalanceDelta;
import io.tokenized.trading.core.port.JournalEntry;
import io.tokenized.trading.core.port.LedgerChanges;
import io.tokenized.trading.core.port.MarketChanges;
import io.tokenized.trading.core.port.OrderRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.tokenized.trading.core.engine.Exchange.ACME;
import static io.tokenized.trading.core.engine.Exchange.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit reports each kind of break it promises to find; outcomes written past the engine plant them. */
class AuditTest {

    @Test
    void aCleanLedgerHasACleanReport() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00").fund("bob", ACME, "5");
        x.limit("bob", Side.SELL, "10.00", "2");
        x.limit("alice", Side.BUY, "10.00", "1");

        AuditReport report = x.engine.audit();

        assertThat(report.isClean()).isTrue();
        assertThat(report).hasToString("Audit: every invariant holds");
    }

    @Test
    void holdingsThatSumBeyondALongAcrossUsersAuditCleanAndTheirBreaksAreReportedExactly() {
        // USD has 2 decimals: 50,000,000,000,000,000.00 is 5 x 10^18 minor units, two of them pass a long.
        Exchange x = Exchange.standard().fund("alice", USD, "50000000000000000.00")
                .fund("bob", USD, "50000000000000000.00");

        assertThat(x.engine.audit().isClean()).isTrue();

        x.store.inLedger(session -> {
            session.apply(new LedgerChanges(List.of(), List.of(), List.of(new BalanceDelta("bob", USD, 1, 0))));
            return null;
        });
        assertThat(x.engine.audit().breaks()).containsExactlyInAnyOrder(
                "balance bob/USD is 5000000000000000001 minor units but its journal entries sum to 5000000000000000000",
                "asset USD: balances sum to 10000000000000000001 minor units but deposits minus withdrawals are"
                        + " 10000000000000000000");
    }

    @Test
    void aLockWithoutAnOrderIsReported() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");

        x.store.inMarket(ACME, session -> {
            session.apply(new MarketChanges(ACME, session.sequence(), null, List.of(), List.of(), List.of(),
                    List.of(new BalanceDelta("alice", USD, -500, 500))));
            return null;
        });

        assertThat(x.engine.audit().breaks())
                .containsExactly("balance alice/USD has 500 locked but its live orders reserve 0");
    }

    @Test
    void moneyWithoutAJournalEntryIsReported() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");

        x.store.inLedger(session -> {
            session.apply(new LedgerChanges(List.of(), List.of(), List.of(new BalanceDelta("alice", USD, 1, 0))));
            return null;
        });

        assertThat(x.engine.audit().breaks()).containsExactlyInAnyOrder(
                "balance alice/USD is 10001 minor units but its journal entries sum to 10000",
                "asset USD: balances sum to 10001 minor units but deposits minus withdrawals are 10000");
    }

    @Test
    void unbalancedTradeLegsAreReported() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        UUID trade = UUID.randomUUID();

        x.store.inLedger(session -> {
            session.apply(new LedgerChanges(List.of(), List.of(new JournalEntry(UUID.randomUUID(), "alice", USD,
                    EntryKind.TRADE, -100, trade, null, null, null, Instant.EPOCH)),
                    List.of(new BalanceDelta("alice", USD, -100, 0))));
            return null;
        });

        assertThat(x.engine.audit().breaks()).containsExactlyInAnyOrder(
                "trade " + trade + ": its 1 journal legs in USD sum to -100 instead of 0",
                "asset USD: balances sum to 9900 minor units but deposits minus withdrawals are 10000",
                "asset USD: trade and fee entries net to -100 instead of 0");
    }

    @Test
    void aStoredBookThatDiffersFromTheLiveOneIsReported() {
        Exchange x = Exchange.standard().fund("alice", USD, "100.00");
        Order order = x.limit("alice", Side.BUY, "1.00", "5");
        OrderRecord stored = order.record();
        OrderRecord moved = new OrderRecord(stored.id(), stored.userId(), stored.assetId(), stored.bookId(),
                stored.clientOrderId(), stored.side(), stored.type(), stored.timeInForce(), stored.postOnly(),
                stored.selfTradePrevention(), 2, stored.stopPriceTicks(), stored.quantityLots(),
                stored.requestedLots(), stored.requestedPriceTicks(), stored.requestedStopPriceTicks(),
                stored.quoteBudgetMinor(), 0, 0, stored.lockedMinor(), stored.lockedAssetId(), stored.status(), null,
                null, stored.sequence(), stored.priority(), stored.createdAt(), stored.updatedAt());

        x.store.inMarket(ACME, session -> {
            session.apply(new MarketChanges(ACME, session.sequence(), null, List.of(moved), List.of(), List.of(),
                    List.of()));
            return null;
        });

        assertThat(x.engine.audit().breaks()).singleElement().asString()
                .startsWith("market ACME: book rebuilt from the store differs from the live book");
    }
}
