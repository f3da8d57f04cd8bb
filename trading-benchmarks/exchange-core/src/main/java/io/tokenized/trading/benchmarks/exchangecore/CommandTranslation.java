package io.tokenized.trading.benchmarks.exchangecore;

import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.ApiReduceOrder;
import io.tokenized.trading.benchmarks.BookWorkload;
import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.BookListener;
import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.OrderBook;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;

/**
 * The workload's commands as exchange-core commands. Some carry what the workload does not: a reduce names
 * the new remaining size where exchange-core takes the amount to take off, a budget FOK needs a lot count,
 * and exchange-core has no self-trade prevention where ours cancels the taker that meets its owner's order.
 * So the workload is first replayed on our own book, untimed, and each command is translated into one that
 * leaves exchange-core's book as ours was left, where a single command can: a move that fills some lots
 * and then meets its owner's order cannot be, and is sent as a plain move (the replay counts these).
 */
final class CommandTranslation implements BookListener {
    static final int SYMBOL = 1;
    /** A buy's reservation price: high enough that moving a resting buy up is never refused for risk. */
    private static final long BUY_RESERVE_PRICE = 10_000_000L;

    private final long[] reduceBy;
    private final long[] budgetLots;
    private final boolean[] selfTradeCancelled;
    private final long[] lotsBeforeSelfTrade;
    private int command;
    private long commandOrderId;
    private long takerLots;
    private long selfTradeCancels;
    private long untranslatable;

    private CommandTranslation(int total) {
        reduceBy = new long[total];
        budgetLots = new long[total];
        selfTradeCancelled = new boolean[total];
        lotsBeforeSelfTrade = new long[total];
    }

    /** Every command of the workload, prefill first, translated. */
    static Translated of(BookWorkload workload) {
        int total = workload.prefillCount() + workload.commandCount();
        CommandTranslation translation = new CommandTranslation(total);
        translation.replay(workload, total);
        ApiCommand[] commands = new ApiCommand[total];
        for (int i = 0; i < total; i++) {
            commands[i] = translation.translate(workload, i);
        }
        return new Translated(commands, translation.selfTradeCancels - translation.untranslatable,
                translation.untranslatable);
    }

    /**
     * The commands, how many of them were sent as their self-trade outcome, and how many self-trading
     * commands have no single equivalent and were sent as they are.
     */
    record Translated(ApiCommand[] commands, long selfTradeOutcomes, long untranslatable) {
    }

    private void replay(BookWorkload workload, int total) {
        OrderBook book = new OrderBook(BookWorkload.QUOTE_MINOR_PER_TICK_LOT, this);
        for (int i = 0; i < total; i++) {
            command = i;
            commandOrderId = workload.orderId(i);
            takerLots = 0;
            long id = workload.orderId(i);
            long user = workload.userId(i);
            switch (workload.type(i)) {
                case BookWorkload.PLACE_GTC -> book.placeLimit(id, user, workload.side(i), workload.price(i),
                        workload.size(i), TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER);
                case BookWorkload.PLACE_IOC -> book.placeLimit(id, user, workload.side(i), workload.price(i),
                        workload.size(i), TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER);
                case BookWorkload.PLACE_FOK_BUDGET -> {
                    long bestAsk = book.bestAskTicks();
                    book.placeMarket(id, user, Side.BUY, 0, workload.price(i), TimeInForce.FOK,
                            SelfTradePrevention.CANCEL_TAKER);
                    // What the budget bought; for a FOK ours refused, what it would buy at the best ask.
                    budgetLots[i] = takerLots > 0 ? takerLots
                            : Math.max(1, workload.price(i) / (bestAsk > 0 ? bestAsk : BookWorkload.START_PRICE_TICKS));
                }
                case BookWorkload.MOVE -> book.move(id, user, workload.price(i));
                case BookWorkload.CANCEL -> book.cancel(id, user);
                case BookWorkload.REDUCE -> book.reduce(id, user, workload.size(i));
                default -> throw new IllegalStateException("unknown command type " + workload.type(i));
            }
        }
    }

    private ApiCommand translate(BookWorkload workload, int i) {
        long user = workload.userId(i);
        long id = workload.orderId(i);
        long price = workload.price(i);
        OrderAction action = workload.side(i) == Side.BUY ? OrderAction.BID : OrderAction.ASK;
        byte type = workload.type(i);
        if (selfTradeCancelled[i] && type == BookWorkload.PLACE_IOC) {
            // Ours filled what it met before its owner's order: an IOC for just that; or nothing at all:
            // an IOC at a price that cannot cross.
            long filled = lotsBeforeSelfTrade[i];
            long limit = filled > 0 ? price : action == OrderAction.BID ? 1 : 1_000_000_000L;
            return place(user, id, action, OrderType.IOC, limit, filled > 0 ? filled : workload.size(i),
                    action == OrderAction.BID ? limit : 0);
        }
        if (selfTradeCancelled[i] && type == BookWorkload.MOVE) {
            if (lotsBeforeSelfTrade[i] == 0) {
                // Ours moved the order onto its owner's order and cancelled it: a cancel.
                return ApiCancelOrder.builder().uid(user).orderId(id).symbol(SYMBOL).build();
            }
            untranslatable++;
        } else if (selfTradeCancelled[i]) {
            throw new IllegalStateException("no translation for a self-trade cancel of command " + i + " (type "
                    + type + ")");
        }
        return switch (type) {
            case BookWorkload.PLACE_GTC -> place(user, id, action, OrderType.GTC, price, workload.size(i),
                    action == OrderAction.BID ? BUY_RESERVE_PRICE : 0);
            case BookWorkload.PLACE_IOC -> place(user, id, action, OrderType.IOC, price, workload.size(i),
                    action == OrderAction.BID ? price : 0);
            // exchange-core's budget FOK buys a number of lots if they cost at most the price, its budget.
            case BookWorkload.PLACE_FOK_BUDGET -> place(user, id, OrderAction.BID, OrderType.FOK_BUDGET, price,
                    budgetLots[i], price);
            case BookWorkload.MOVE -> ApiMoveOrder.builder().uid(user).orderId(id).symbol(SYMBOL).newPrice(price)
                    .build();
            case BookWorkload.CANCEL -> ApiCancelOrder.builder().uid(user).orderId(id).symbol(SYMBOL).build();
            case BookWorkload.REDUCE -> ApiReduceOrder.builder().uid(user).orderId(id).symbol(SYMBOL)
                    .reduceSize(reduceBy[i]).build();
            default -> throw new IllegalStateException("unknown command type " + type);
        };
    }

    private static ApiCommand place(long user, long id, OrderAction action, OrderType type, long price, long size,
                                    long reservePrice) {
        return ApiPlaceOrder.builder().uid(user).orderId(id).symbol(SYMBOL).action(action).orderType(type)
                .price(price).size(size).reservePrice(reservePrice).build();
    }

    @Override
    public void traded(long takerOrderId, long takerUserId, long makerOrderId, long makerUserId, Side takerSide,
                       long priceTicks, long quantityLots, long quoteMinor, long makerRemainingLots,
                       long takerRemainingLots) {
        if (takerOrderId == commandOrderId) {
            takerLots += quantityLots;
        }
    }

    @Override
    public void cancelled(long id, long user, long remainingLots, CancelReason reason) {
        if (reason == CancelReason.SELF_TRADE) {
            selfTradeCancelled[command] = true;
            lotsBeforeSelfTrade[command] = takerLots;
            selfTradeCancels++;
        }
    }

    @Override
    public void reduced(long id, long user, long oldRemainingLots, long newRemainingLots) {
        reduceBy[command] = oldRemainingLots - newRemainingLots;
    }

    @Override
    public void rejected(long id, RejectReason reason) {
    }

    @Override
    public void accepted(long id, long sequence) {
    }

    @Override
    public void rested(long id, long user, Side side, long priceTicks, long remainingLots) {
    }

    @Override
    public void stopPending(long id, long user, Side side, long stopPriceTicks) {
    }

    @Override
    public void triggered(long id, long user, long lastTradePriceTicks) {
    }

    @Override
    public void moved(long id, long user, long oldPriceTicks, long newPriceTicks) {
    }
}
