package io.tokenized.trading.examples;

import io.tokenized.trading.core.RejectReason;
import io.tokenized.trading.core.engine.AmendOrder;
import io.tokenized.trading.core.engine.AmendResult;
import io.tokenized.trading.core.engine.AssetResult;
import io.tokenized.trading.core.engine.CancelResult;
import io.tokenized.trading.core.engine.IdGenerator;
import io.tokenized.trading.core.engine.Order;
import io.tokenized.trading.core.engine.PlaceResult;
import io.tokenized.trading.core.engine.TradingEngine;
import io.tokenized.trading.core.engine.TradingEvent;
import io.tokenized.trading.core.engine.TransferResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies flow steps to an engine and writes, per step, its result and then the events it committed.
 *
 * <p>The engine is built at the first step that needs it. Not thread-safe: one replay, one thread, which
 * is also what keeps its output deterministic.
 */
final class FlowRunner {
    private final Backend backend;
    private final String feeAccount;
    private final InstantSource clock;
    private final IdGenerator ids;
    private final EventWriter events;
    private final List<TradingEvent> committed = new ArrayList<>();
    private TradingEngine engine;

    FlowRunner(Backend backend, String feeAccount, InstantSource clock, IdGenerator ids, EventWriter events) {
        this.backend = backend;
        this.feeAccount = feeAccount;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
    }

    /**
     * Applies one step.
     *
     * @throws CommandFailure when the step cannot run (not a business rejection: those are events)
     */
    void apply(int line, FlowStep step) {
        committed.clear();
        if (step instanceof FlowStep.SignUp signUp) {
            backend.signUp(List.of(signUp.userId()));
            events.user(line, signUp.userId());
            return;
        }
        TradingEngine tradingEngine = engine();
        if (step instanceof FlowStep.CreateAsset create) {
            AssetResult result = tradingEngine.createAsset(create.asset());
            assetResult(line, step, result);
        } else if (step instanceof FlowStep.MarketStatusChange change) {
            AssetResult result = switch (change.op()) {
                case "halt" -> tradingEngine.haltMarket(change.marketId());
                case "resume" -> tradingEngine.resumeMarket(change.marketId());
                case "delist" -> tradingEngine.delistMarket(change.marketId());
                default -> throw new IllegalStateException("unreachable: the parser knows three status ops");
            };
            assetResult(line, step, result);
        } else if (step instanceof FlowStep.Transfer transfer) {
            TransferResult result = transfer.withdrawal()
                    ? tradingEngine.withdraw(transfer.userId(), transfer.assetId(), transfer.amount(), transfer.key())
                    : tradingEngine.deposit(transfer.userId(), transfer.assetId(), transfer.amount(), transfer.key());
            if (result instanceof TransferResult.Completed completed) {
                events.entry(line, completed.entry());
            } else {
                events.rejected(line, step.op(), ((TransferResult.Rejected) result).reason().name());
            }
        } else if (step instanceof FlowStep.Place place) {
            placeResult(line, step, tradingEngine.placeOrder(place.request()));
        } else if (step instanceof FlowStep.Oco oco) {
            placeResult(line, step, tradingEngine.placeOco(oco.request()));
        } else if (step instanceof FlowStep.Cancel cancel) {
            CancelResult result = tradingEngine.cancelOrderByClientId(cancel.userId(), cancel.clientOrderId());
            if (result instanceof CancelResult.Cancelled cancelled) {
                events.accepted(line, step.op(), cancelled.order(), false, 0);
            } else {
                events.rejected(line, step.op(), ((CancelResult.Rejected) result).reason().name());
            }
        } else if (step instanceof FlowStep.Amend amend) {
            amendResult(line, step, amend, tradingEngine);
        } else if (step instanceof FlowStep.Book book) {
            events.book(line, tradingEngine.depth(book.marketId(), book.levels()));
        } else if (step instanceof FlowStep.Balances balances) {
            events.balances(line, balances.userId(), tradingEngine.balances(balances.userId()));
        } else if (step instanceof FlowStep.Audit) {
            events.audit(line, tradingEngine.audit());
        } else {
            throw new IllegalStateException("a step the runner does not know: " + step);
        }
        for (TradingEvent event : committed) {
            events.event(line, event);
        }
    }

    private TradingEngine engine() {
        if (engine == null) {
            try {
                engine = TradingEngine.builder().store(backend.store()).feeAccount(feeAccount).clock(clock).ids(ids)
                        .listener(committed::add).build();
            } catch (IllegalStateException e) {
                throw new CommandFailure("the engine cannot start: " + e.getMessage(), e);
            }
        }
        return engine;
    }

    private void assetResult(int line, FlowStep step, AssetResult result) {
        if (result instanceof AssetResult.Done done) {
            events.asset(line, done.asset());
        } else {
            events.rejected(line, step.op(), ((AssetResult.Rejected) result).reason().name());
        }
    }

    private void placeResult(int line, FlowStep step, PlaceResult result) {
        if (result instanceof PlaceResult.Placed placed) {
            events.accepted(line, step.op(), placed.order(), false, placed.trades().size());
        } else if (result instanceof PlaceResult.AlreadyPlaced already) {
            events.accepted(line, step.op(), already.order(), true, 0);
        } else {
            events.rejected(line, step.op(), ((PlaceResult.Rejected) result).reason().name());
        }
    }

    private void amendResult(int line, FlowStep step, FlowStep.Amend amend, TradingEngine tradingEngine) {
        Optional<Order> order = tradingEngine.orderByClientId(amend.userId(), amend.clientOrderId());
        if (order.isEmpty()) {
            events.rejected(line, step.op(), RejectReason.UNKNOWN_ORDER.name());
            return;
        }
        AmendOrder request = amend.newPrice() != null
                ? AmendOrder.moveTo(amend.userId(), order.get().id(), amend.newPrice())
                : AmendOrder.reduceTo(amend.userId(), order.get().id(), amend.newQuantity());
        AmendResult result = tradingEngine.amendOrder(request);
        if (result instanceof AmendResult.Amended amended) {
            events.accepted(line, step.op(), amended.order(), false, amended.trades().size());
        } else {
            events.rejected(line, step.op(), ((AmendResult.Rejected) result).reason().name());
        }
    }
}
