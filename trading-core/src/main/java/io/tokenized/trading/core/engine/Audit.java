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

import java.math.BigInteger;
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
        Map<String, BigInteger> balanceByAsset = new TreeMap<>();
        for (BalanceRecord balance : store.allBalances()) {
            balances.put(key(balance.userId(), balance.assetId()), balance);
            if (balance.availableMinor() < 0 || balance.lockedMinor() < 0) {
                breaks.add("negative balance: " + balance.userId() + " holds " + balance.availableMinor()
                        + " available and " + balance.lockedMinor() + " locked minor units of " + balance.assetId());
            }
            balanceByAsset.merge(balance.assetId(), total(balance), BigInteger::add);
        }
        checkJournal(store, balances, balanceByAsset, breaks);
        checkReservations(store, assets, balances, breaks);
        for (TradeLegTotal legs : store.tradeLegTotals()) {
            if (legs.amountMinor().signum() != 0) {
                breaks.add("trade " + legs.tradeId() + ": its " + legs.entryCount() + " journal legs in "
                        + legs.assetId() + " sum to " + legs.amountMinor() + " instead of 0");
            }
        }
        for (OrderFill fill : store.orderFills()) {
            if (!fill.tradesMatchTheFill()) {
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
                                     Map<String, BigInteger> balanceByAsset, List<String> breaks) {
        Map<String, BigInteger> journalByBalance = new TreeMap<>();
        Map<String, BigInteger[]> byAsset = new TreeMap<>();
        for (JournalTotal total : store.journalTotals()) {
            BigInteger amount = total.amountMinor();
            journalByBalance.merge(key(total.userId(), total.assetId()), amount, BigInteger::add);
            BigInteger[] sums = byAsset.computeIfAbsent(total.assetId(), id -> new BigInteger[] {BigInteger.ZERO,
                    BigInteger.ZERO});
            int sum = total.kind() == EntryKind.TRADE || total.kind() == EntryKind.FEE ? 1 : 0;
            sums[sum] = sums[sum].add(amount);
        }
        Set<String> keys = new HashSet<>(journalByBalance.keySet());
        keys.addAll(balances.keySet());
        for (String key : new TreeSet<>(keys)) {
            BalanceRecord balance = balances.get(key);
            BigInteger total = balance == null ? BigInteger.ZERO : total(balance);
            BigInteger journal = journalByBalance.getOrDefault(key, BigInteger.ZERO);
            if (!total.equals(journal)) {
                breaks.add("balance " + key + " is " + total + " minor units but its journal entries sum to "
                        + journal);
            }
        }
        Set<String> assetIds = new HashSet<>(byAsset.keySet());
        assetIds.addAll(balanceByAsset.keySet());
        for (String assetId : new TreeSet<>(assetIds)) {
            BigInteger[] sums = byAsset.getOrDefault(assetId, new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            BigInteger held = balanceByAsset.getOrDefault(assetId, BigInteger.ZERO);
            if (!held.equals(sums[0])) {
                breaks.add("asset " + assetId + ": balances sum to " + held
                        + " minor units but deposits minus withdrawals are " + sums[0]);
            }
            if (sums[1].signum() != 0) {
                breaks.add("asset " + assetId + ": trade and fee entries net to " + sums[1] + " instead of 0");
            }
        }
    }

    private static void checkReservations(TradingStore store, Map<String, Asset> assets,
                                          Map<String, BalanceRecord> balances, List<String> breaks) {
        Map<String, BigInteger> reserved = new HashMap<>();
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
                reserved.merge(key(order.userId(), order.lockedAssetId()), BigInteger.valueOf(order.lockedMinor()),
                        BigInteger::add);
                boolean pairedLeg = order.ocoSiblingId() != null && liveIds.contains(order.ocoSiblingId());
                long needed = pairedLeg ? 0 : minimumLock(order, rules);
                if (order.lockedMinor() < needed) {
                    breaks.add("order " + order.id() + " in " + token.id() + " holds " + order.lockedMinor()
                            + " but its remaining " + order.remainingLots() + " lots need at least " + needed);
                }
            }
        }
        for (BalanceRecord balance : balances.values()) {
            BigInteger expected = reserved.getOrDefault(key(balance.userId(), balance.assetId()), BigInteger.ZERO);
            if (!BigInteger.valueOf(balance.lockedMinor()).equals(expected)) {
                breaks.add("balance " + key(balance.userId(), balance.assetId()) + " has " + balance.lockedMinor()
                        + " locked but its live orders reserve " + expected);
            }
        }
        for (Map.Entry<String, BigInteger> entry : reserved.entrySet()) {
            if (entry.getValue().signum() != 0 && !balances.containsKey(entry.getKey())) {
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

    /** Available plus locked, exactly: a sum over many rows may pass a long where no row does. */
    private static BigInteger total(BalanceRecord balance) {
        return BigInteger.valueOf(balance.availableMinor()).add(BigInteger.valueOf(balance.lockedMinor()));
    }

    private static String key(String userId, String assetId) {
        return userId + "/" + assetId;
    }
}
