package io.tokenized.trading.core.engine;

import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.ledger.EntryKind;
import io.tokenized.trading.core.market.Asset;
import io.tokenized.trading.core.market.MarketRules;
import io.tokenized.trading.core.order.OrderStatus;
import io.tokenized.trading.core.port.BalanceRecord;
import io.tokenized.trading.core.port.JournalTotal;
import io.tokenized.trading.core.port.OrderFill;
import io.tokenized.trading.core.port.OrderRecord;
import io.tokenized.trading.core.port.TradeLegTotal;
import io.tokenized.trading.core.port.TradingStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Checks the ledger invariants on any store, from what the store holds:
 * <ol>
 *   <li>per asset, the sum of all balances equals deposits minus withdrawals, and trade and fee
 *       entries net to zero;</li>
 *   <li>no balance is below zero;</li>
 *   <li>each user's locked amount of an asset equals the reservations of that user's live orders, and
 *       each live order holds at least what its remaining quantity needs;</li>
 *   <li>each trade's journal legs balance per asset; each order's filled quantity and quote equal the
 *       sums of its trades, and no order is filled beyond its quantity;</li>
 * </ol>
 * and that every balance equals the sum of its journal entries. The book invariants (uncrossed, rebuilt
 * equals live) need the engine's cached books: {@link TradingEngine#audit()} adds them.
 *
 * <p>Stateless; thread-safe. It reads whole tables: an operations tool, not for the request path.
 */
public final class Audit {

    private Audit() {
    }

    /** Every broken store invariant, or a clean report. */
    public static AuditReport check(TradingStore store) {
        return new AuditReport(storeBreaks(store));
    }

    static List<String> storeBreaks(TradingStore store) {
        List<String> breaks = new ArrayList<>();
        Map<String, Asset> assets = new TreeMap<>();
        for (Asset asset : store.assets()) {
            assets.put(asset.id(), asset);
        }
        Map<String, BalanceRecord> balances = new TreeMap<>();
        Map<String, Long> balanceByAsset = new TreeMap<>();
        for (BalanceRecord balance : store.allBalances()) {
            balances.put(key(balance.userId(), balance.assetId()), balance);
            if (balance.availableMinor() < 0 || balance.lockedMinor() < 0) {
                breaks.add("negative balance: " + balance.userId() + " holds " + balance.availableMinor()
                        + " available and " + balance.lockedMinor() + " locked minor units of " + balance.assetId());
            }
            balanceByAsset.merge(balance.assetId(), balance.totalMinor(), Math::addExact);
        }
        checkJournal(store, balances, balanceByAsset, breaks);
        checkReservations(store, assets, balances, breaks);
        for (TradeLegTotal legs : store.tradeLegTotals()) {
            if (legs.amountMinor() != 0) {
                breaks.add("trade " + legs.tradeId() + ": its " + legs.entryCount() + " journal legs in "
                        + legs.assetId() + " sum to " + legs.amountMinor() + " instead of 0");
            }
        }
        for (OrderFill fill : store.orderFills()) {
            if (fill.filledLots() != fill.tradedLots() || fill.filledQuoteMinor() != fill.tradedQuoteMinor()) {
                breaks.add("order " + fill.orderId() + " in " + fill.assetId() + ": filled " + fill.filledLots()
                        + " lots for " + fill.filledQuoteMinor() + " but its trades sum to " + fill.tradedLots()
                        + " lots for " + fill.tradedQuoteMinor());
            }
            if (fill.quantityLots() > 0 && fill.filledLots() > fill.quantityLots()) {
                breaks.add("order " + fill.orderId() + " filled " + fill.filledLots() + " of " + fill.quantityLots()
                        + " lots");
            }
        }
        return breaks;
    }

    private static void checkJournal(TradingStore store, Map<String, BalanceRecord> balances,
                                     Map<String, Long> balanceByAsset, List<String> breaks) {
        Map<String, Long> journalByBalance = new TreeMap<>();
        Map<String, long[]> byAsset = new TreeMap<>();
        for (JournalTotal total : store.journalTotals()) {
            journalByBalance.merge(key(total.userId(), total.assetId()), total.amountMinor(), Math::addExact);
            long[] sums = byAsset.computeIfAbsent(total.assetId(), id -> new long[2]);
            if (total.kind() == EntryKind.TRADE || total.kind() == EntryKind.FEE) {
                sums[1] = Math.addExact(sums[1], total.amountMinor());
            } else {
                sums[0] = Math.addExact(sums[0], total.amountMinor());
            }
        }
        Set<String> keys = new HashSet<>(journalByBalance.keySet());
        keys.addAll(balances.keySet());
        for (String key : new TreeSet<>(keys)) {
            BalanceRecord balance = balances.get(key);
            long total = balance == null ? 0 : balance.totalMinor();
            long journal = journalByBalance.getOrDefault(key, 0L);
            if (total != journal) {
                breaks.add("balance " + key + " is " + total + " minor units but its journal entries sum to "
                        + journal);
            }
        }
        Set<String> assetIds = new HashSet<>(byAsset.keySet());
        assetIds.addAll(balanceByAsset.keySet());
        for (String assetId : new TreeSet<>(assetIds)) {
            long[] sums = byAsset.getOrDefault(assetId, new long[2]);
            long held = balanceByAsset.getOrDefault(assetId, 0L);
            if (held != sums[0]) {
                breaks.add("asset " + assetId + ": balances sum to " + held
                        + " minor units but deposits minus withdrawals are " + sums[0]);
            }
            if (sums[1] != 0) {
                breaks.add("asset " + assetId + ": trade and fee entries net to " + sums[1] + " instead of 0");
            }
        }
    }

    private static void checkReservations(TradingStore store, Map<String, Asset> assets,
                                          Map<String, BalanceRecord> balances, List<String> breaks) {
        Map<String, Long> reserved = new HashMap<>();
        for (Asset token : assets.values()) {
            if (!token.isMarket()) {
                continue;
            }
            MarketRules rules = MarketRules.of(token, assets.get(token.quoteAssetId()));
            List<OrderRecord> live = store.liveOrders(token.id());
            Set<UUID> liveIds = new HashSet<>();
            for (OrderRecord order : live) {
                liveIds.add(order.id());
            }
            for (OrderRecord order : live) {
                reserved.merge(key(order.userId(), order.lockedAssetId()), order.lockedMinor(), Math::addExact);
                boolean pairedLeg = order.ocoSiblingId() != null && liveIds.contains(order.ocoSiblingId());
                long needed = pairedLeg ? 0 : minimumLock(order, rules);
                if (order.lockedMinor() < needed) {
                    breaks.add("order " + order.id() + " in " + token.id() + " holds " + order.lockedMinor()
                            + " but its remaining " + order.remainingLots() + " lots need at least " + needed);
                }
            }
        }
        for (BalanceRecord balance : balances.values()) {
            long expected = reserved.getOrDefault(key(balance.userId(), balance.assetId()), 0L);
            if (balance.lockedMinor() != expected) {
                breaks.add("balance " + key(balance.userId(), balance.assetId()) + " has " + balance.lockedMinor()
                        + " locked but its live orders reserve " + expected);
            }
        }
        for (Map.Entry<String, Long> entry : reserved.entrySet()) {
            if (entry.getValue() != 0 && !balances.containsKey(entry.getKey())) {
                breaks.add("live orders reserve " + entry.getValue() + " of " + entry.getKey()
                        + " but there is no balance row");
            }
        }
    }

    private static long minimumLock(OrderRecord order, MarketRules rules) {
        if (order.side() == Side.SELL) {
            return Math.multiplyExact(order.remainingLots(), rules.baseMinorPerLot());
        }
        if (order.priceTicks() > 0) {
            return Math.multiplyExact(Math.multiplyExact(order.remainingLots(), order.priceTicks()),
                    rules.quoteMinorPerTickLot());
        }
        return order.status() == OrderStatus.PENDING ? order.quoteBudgetMinor() : 0;
    }

    private static String key(String userId, String assetId) {
        return userId + "/" + assetId;
    }
}
