package io.tokenized.trading.benchmarks;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.book.BookListener;
import io.tokenized.trading.core.book.CancelReason;
import io.tokenized.trading.core.book.OrderBook;
import io.tokenized.trading.core.book.SelfTradePrevention;
import io.tokenized.trading.core.book.Side;
import io.tokenized.trading.core.book.TimeInForce;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded order flow shaped like exchange-core's single-order-book test, pre-generated into
 * primitive arrays so that replaying it measures the book and nothing else.
 *
 * <p>A prefill of resting GTC orders, half per side, around a start price; then commands from a pool
 * of users: about 71% move (one of the first few hundred live orders moves 1% of its distance toward
 * the last trade price, at least one tick), 13% new GTC (near the last trade price on the passive side,
 * sizes {@code 1 + r^3} lots with r uniform in [0, 5)), 7% cancel, 7% reduce, 2% IOC at an extreme
 * price (crosses and sweeps), and a rare FOK market buy sized by budget. New orders and cancels are
 * rebalanced to keep the book near its target size. The generator runs a real {@link OrderBook} to
 * know which orders are live and what the last trade price is, so every command it emits is one a
 * client could really send.
 *
 * <p>Immutable after {@link #generate}; {@link #prefill} and {@link #replay} may run on any thread,
 * each on its own book.
 */
public final class BookWorkload {
    public static final byte PLACE_GTC = 0;
    public static final byte PLACE_IOC = 1;
    public static final byte PLACE_FOK_BUDGET = 2;
    public static final byte MOVE = 3;
    public static final byte CANCEL = 4;
    public static final byte REDUCE = 5;

    /** One tick is one quote minor unit per lot: quote = price x lots. */
    public static final long QUOTE_MINOR_PER_TICK_LOT = 1;
    public static final long START_PRICE_TICKS = 100_000;
    /** Moves pick among the first this many live orders (exchange-core's "first few hundred"). */
    private static final int MOVABLE_WINDOW = 256;

    private final int prefillCount;
    private final byte[] type;
    private final byte[] side;
    private final long[] orderId;
    private final long[] userId;
    /** The limit price, the new price of a move, or the quote budget of an FOK-by-budget order. */
    private final long[] price;
    /** The quantity, or the new remaining quantity of a reduce. */
    private final long[] size;
    private final long tradingCommands;

    private BookWorkload(int prefillCount, byte[] type, byte[] side, long[] orderId, long[] userId, long[] price,
                         long[] size, long tradingCommands) {
        this.prefillCount = prefillCount;
        this.type = type;
        this.side = side;
        this.orderId = orderId;
        this.userId = userId;
        this.price = price;
        this.size = size;
        this.tradingCommands = tradingCommands;
    }

    /**
     * Generates a workload.
     *
     * @param seed          the same seed gives the same workload
     * @param restingOrders the prefill and the book size the flow keeps near
     * @param commands      commands after the prefill
     * @param users         distinct user ids (1..users)
     */
    public static BookWorkload generate(long seed, int restingOrders, int commands, int users) {
        return new Generator(seed, restingOrders, commands, users).run();
    }

    /** How many prefill commands precede the measured ones. */
    public int prefillCount() {
        return prefillCount;
    }

    /** How many commands follow the prefill. */
    public int commandCount() {
        return type.length - prefillCount;
    }

    /** How many of the commands after the prefill traded at least once when generated. */
    public long tradingCommands() {
        return tradingCommands;
    }

    public byte type(int index) {
        return type[index];
    }

    public Side side(int index) {
        return side[index] == 0 ? Side.BUY : Side.SELL;
    }

    public long orderId(int index) {
        return orderId[index];
    }

    public long userId(int index) {
        return userId[index];
    }

    public long price(int index) {
        return price[index];
    }

    public long size(int index) {
        return size[index];
    }

    /** Places the prefill orders on an empty book. */
    public void prefill(OrderBook book) {
        apply(book, 0, prefillCount);
    }

    /** Sends every command after the prefill to a prefilled book. */
    public void replay(OrderBook book) {
        apply(book, prefillCount, type.length);
    }

    private void apply(OrderBook book, int from, int to) {
        for (int i = from; i < to; i++) {
            applyOne(book, i);
        }
    }

    private void applyOne(OrderBook book, int i) {
        switch (type[i]) {
            case MOVE -> book.move(orderId[i], userId[i], price[i]);
            case PLACE_GTC -> book.placeLimit(orderId[i], userId[i], side(i), price[i], size[i], TimeInForce.GTC,
                    false, SelfTradePrevention.CANCEL_TAKER);
            case CANCEL -> book.cancel(orderId[i], userId[i]);
            case REDUCE -> book.reduce(orderId[i], userId[i], size[i]);
            case PLACE_IOC -> book.placeLimit(orderId[i], userId[i], side(i), price[i], size[i], TimeInForce.IOC,
                    false, SelfTradePrevention.CANCEL_TAKER);
            case PLACE_FOK_BUDGET -> book.placeMarket(orderId[i], userId[i], Side.BUY, 0, price[i], TimeInForce.FOK,
                    SelfTradePrevention.CANCEL_TAKER);
            default -> throw new IllegalStateException("unknown command type " + type[i]);
        }
    }

    /** Builds the command arrays while running them on a real book to track live orders. */
    private static final class Generator implements BookListener {
        private final SplittableRandom random;
        private final int target;
        private final int commands;
        private final int users;
        private final OrderBook book = new OrderBook(QUOTE_MINOR_PER_TICK_LOT, this);

        private final byte[] type;
        private final byte[] side;
        private final long[] orderId;
        private final long[] userId;
        private final long[] price;
        private final long[] size;
        private int count;

        /** Live order ids in a dense array (swap-remove), with each id's position, price, size and owner. */
        private final long[] live;
        private int liveCount;
        private final int[] positionById;
        private final long[] priceById;
        private final long[] sizeById;
        private final long[] userById;
        private final byte[] sideById;
        private long nextOrderId = 1;
        private boolean traded;
        private long tradingCommands;

        Generator(long seed, int restingOrders, int commands, int users) {
            this.random = new SplittableRandom(seed);
            this.target = restingOrders;
            this.commands = commands;
            this.users = users;
            int total = restingOrders + commands;
            type = new byte[total];
            side = new byte[total];
            orderId = new long[total];
            userId = new long[total];
            price = new long[total];
            size = new long[total];
            live = new long[total + 1];
            positionById = new int[total + 2];
            priceById = new long[total + 2];
            sizeById = new long[total + 2];
            userById = new long[total + 2];
            sideById = new byte[total + 2];
        }

        BookWorkload run() {
            for (int i = 0; i < target; i++) {
                byte orderSide = (byte) (i & 1);
                // Deeper books spread wider, denser near the top like real books.
                long spread = Math.max(50, target / 100);
                long distance = 1 + (long) (spread * Math.pow(random.nextDouble(), 2));
                long limit = orderSide == 0 ? START_PRICE_TICKS - distance : START_PRICE_TICKS + distance;
                emitPlace(PLACE_GTC, orderSide, limit, smallSize());
            }
            int prefill = count;
            for (int i = 0; i < commands; i++) {
                traded = false;
                emitCommand();
                if (traded) {
                    tradingCommands++;
                }
            }
            return new BookWorkload(prefill, type, side, orderId, userId, price, size, tradingCommands);
        }

        private void emitCommand() {
            int roll = random.nextInt(1000);
            if (liveCount < 2 || (roll < 710 && liveCount < target / 2)) {
                emitNewGtc();
            } else if (roll < 710) {
                emitMove();
            } else if (roll < 840) {
                if (liveCount > target + target / 10) {
                    emitCancel();
                } else {
                    emitNewGtc();
                }
            } else if (roll < 910) {
                if (liveCount < target - target / 10) {
                    emitNewGtc();
                } else {
                    emitCancel();
                }
            } else if (roll < 980) {
                emitReduce();
            } else if (roll < 999) {
                emitIoc();
            } else {
                emitFokBudget();
            }
        }

        private long lastPrice() {
            long last = book.lastTradePriceTicks();
            return last == 0 ? START_PRICE_TICKS : last;
        }

        /** 1 + r^3 lots, r uniform in [0, 5): the workload's size skew. A random draw, not money. */
        private long smallSize() {
            double r = random.nextDouble() * 5;
            return 1 + (long) (r * r * r);
        }

        private void emitNewGtc() {
            byte orderSide = (byte) random.nextInt(2);
            long last = lastPrice();
            long offset = 1 + random.nextInt(20);
            long limit = orderSide == 0 ? Math.max(1, last - offset) : last + offset;
            // Stay passive: never cross the spread with a new GTC order.
            if (orderSide == 0 && book.bestAskTicks() != 0 && limit >= book.bestAskTicks()) {
                limit = book.bestAskTicks() - 1;
            } else if (orderSide == 1 && book.bestBidTicks() != 0 && limit <= book.bestBidTicks()) {
                limit = book.bestBidTicks() + 1;
            }
            emitPlace(PLACE_GTC, orderSide, Math.max(1, limit), smallSize());
        }

        private void emitIoc() {
            byte orderSide = (byte) random.nextInt(2);
            long limit = orderSide == 0 ? lastPrice() * 2 : 1;
            emitPlace(PLACE_IOC, orderSide, limit, smallSize() * 3);
        }

        private void emitFokBudget() {
            long bestAsk = book.bestAskTicks();
            long budget = (bestAsk == 0 ? START_PRICE_TICKS : bestAsk) * smallSize() * QUOTE_MINOR_PER_TICK_LOT
                    + random.nextInt(1000);
            emitPlace(PLACE_FOK_BUDGET, (byte) 0, budget, 0);
        }

        private void emitPlace(byte commandType, byte orderSide, long limitOrBudget, long quantity) {
            long id = nextOrderId++;
            long user = 1 + random.nextInt(users);
            userById[(int) id] = user;
            sideById[(int) id] = orderSide;
            positionById[(int) id] = -1;
            record(commandType, orderSide, id, user, limitOrBudget, quantity);
        }

        private void emitMove() {
            long id = live[random.nextInt(Math.min(liveCount, MOVABLE_WINDOW))];
            long current = priceById[(int) id];
            long last = lastPrice();
            long step = (last - current) / 100;
            if (step == 0) {
                step = last > current ? 1 : -1;
            }
            long moved = Math.max(1, current + step);
            record(MOVE, sideById[(int) id], id, userById[(int) id], moved, 0);
        }

        private void emitCancel() {
            long id = live[random.nextInt(liveCount)];
            record(CANCEL, sideById[(int) id], id, userById[(int) id], 0, 0);
        }

        private void emitReduce() {
            long id = live[random.nextInt(liveCount)];
            // A one-lot order cannot be reduced: look a few times for a bigger one, else cancel.
            for (int attempt = 0; attempt < 4 && sizeById[(int) id] < 2; attempt++) {
                id = live[random.nextInt(liveCount)];
            }
            long remaining = sizeById[(int) id];
            if (remaining < 2) {
                record(CANCEL, sideById[(int) id], id, userById[(int) id], 0, 0);
                return;
            }
            long newRemaining = 1 + random.nextLong(remaining - 1);
            record(REDUCE, sideById[(int) id], id, userById[(int) id], 0, newRemaining);
        }

        private void record(byte commandType, byte orderSide, long id, long user, long priceOrBudget, long quantity) {
            int i = count++;
            type[i] = commandType;
            side[i] = orderSide;
            orderId[i] = id;
            userId[i] = user;
            price[i] = priceOrBudget;
            size[i] = quantity;
            switch (commandType) {
                case MOVE -> book.move(id, user, priceOrBudget);
                case PLACE_GTC -> book.placeLimit(id, user, orderSide == 0 ? Side.BUY : Side.SELL, priceOrBudget,
                        quantity, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_TAKER);
                case CANCEL -> book.cancel(id, user);
                case REDUCE -> book.reduce(id, user, quantity);
                case PLACE_IOC -> book.placeLimit(id, user, orderSide == 0 ? Side.BUY : Side.SELL, priceOrBudget,
                        quantity, TimeInForce.IOC, false, SelfTradePrevention.CANCEL_TAKER);
                case PLACE_FOK_BUDGET -> book.placeMarket(id, user, Side.BUY, 0, priceOrBudget, TimeInForce.FOK,
                        SelfTradePrevention.CANCEL_TAKER);
                default -> throw new IllegalStateException("unknown command type " + commandType);
            }
        }

        private void addLive(long id, long priceTicks, long lots) {
            int slot = (int) id;
            if (positionById[slot] < 0) {
                positionById[slot] = liveCount;
                live[liveCount++] = id;
            }
            priceById[slot] = priceTicks;
            sizeById[slot] = lots;
        }

        private void removeLive(long id) {
            int slot = (int) id;
            int position = positionById[slot];
            if (position < 0) {
                return;
            }
            long lastId = live[--liveCount];
            live[position] = lastId;
            positionById[(int) lastId] = position;
            positionById[slot] = -1;
        }

        @Override
        public void rejected(long id, RejectReason reason) {
            // IOC/FOK orders facing an empty side are refused; the workload keeps them, as a client would.
        }

        @Override
        public void accepted(long id, long sequence) {
        }

        @Override
        public void traded(long takerOrderId, long takerUserId, long makerOrderId, long makerUserId, Side takerSide,
                           long priceTicks, long quantityLots, long quoteMinor, long makerRemainingLots,
                           long takerRemainingLots) {
            traded = true;
            if (makerRemainingLots == 0) {
                removeLive(makerOrderId);
            } else {
                sizeById[(int) makerOrderId] = makerRemainingLots;
            }
            if (takerRemainingLots == 0) {
                removeLive(takerOrderId);
            }
        }

        @Override
        public void rested(long id, long user, Side orderSide, long priceTicks, long remainingLots) {
            addLive(id, priceTicks, remainingLots);
        }

        @Override
        public void stopPending(long id, long user, Side orderSide, long stopPriceTicks) {
            throw new IllegalStateException("the workload places no stops");
        }

        @Override
        public void triggered(long id, long user, long lastTradePriceTicks) {
            throw new IllegalStateException("the workload places no stops");
        }

        @Override
        public void cancelled(long id, long user, long remainingLots, CancelReason reason) {
            removeLive(id);
        }

        @Override
        public void reduced(long id, long user, long oldRemainingLots, long newRemainingLots) {
            sizeById[(int) id] = newRemainingLots;
        }

        @Override
        public void moved(long id, long user, long oldPriceTicks, long newPriceTicks) {
            // The order left the book; rested() puts it back if anything remains after it traded.
            removeLive(id);
        }
    }

    @Override
    public String toString() {
        int[] counts = new int[6];
        for (int i = prefillCount; i < type.length; i++) {
            counts[type[i]]++;
        }
        return "BookWorkload[prefill=" + prefillCount + ", commands=" + commandCount() + ", gtc=" + counts[PLACE_GTC]
                + ", ioc=" + counts[PLACE_IOC] + ", fokBudget=" + counts[PLACE_FOK_BUDGET] + ", move=" + counts[MOVE]
                + ", cancel=" + counts[CANCEL] + ", reduce=" + counts[REDUCE] + ", trading=" + tradingCommands
                + " " + Arrays.toString(counts) + "]";
    }
}
