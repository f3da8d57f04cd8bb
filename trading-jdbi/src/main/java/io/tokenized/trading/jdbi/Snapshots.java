package io.tokenized.trading.jdbi;

import io.tokenized.trading.core.port.DepthSnapshot;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of depth snapshots: {@code bids} and {@code asks} are JSON arrays of
 * {@code {"price": 12.34, "quantity": 5, "orders": 2}} in the market's decimals (readable in SQL, the
 * same whether the engine or a periodic unit wrote them), best price first. Stateless.
 */
final class Snapshots {

    private Snapshots() {
    }

    /** One stored snapshot's row, before its levels are read. */
    record Header(long id, long sequence, long takenAtMicros) {
    }

    static Header header(ResultSet rs, StatementContext context) throws SQLException {
        return new Header(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    }

    static String json(List<DepthSnapshot.Level> levels, MarketUnits units) {
        StringBuilder json = new StringBuilder(levels.size() * 48 + 2).append('[');
        for (int i = 0; i < levels.size(); i++) {
            DepthSnapshot.Level level = levels.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"price\":").append(units.price(level.priceTicks()).stripTrailingZeros().toPlainString())
                    .append(",\"quantity\":")
                    .append(units.quantity(level.quantityLots()).stripTrailingZeros().toPlainString())
                    .append(",\"orders\":").append(level.orderCount()).append('}');
        }
        return json.append(']').toString();
    }

    static DepthSnapshot load(Handle handle, Statements sql, Header header, String assetId, MarketUnits units) {
        List<DepthSnapshot.Level> bids = new ArrayList<>();
        List<DepthSnapshot.Level> asks = new ArrayList<>();
        handle.createQuery(sql.snapshotLevels).bind("id", header.id()).map((rs, context) -> {
            DepthSnapshot.Level level = new DepthSnapshot.Level(units.ticks(rs.getString(3)),
                    units.lots(rs.getString(4)), rs.getInt(5));
            (rs.getInt(1) == 0 ? bids : asks).add(level);
            return level;
        }).list();
        return new DepthSnapshot(assetId, header.sequence(), bids, asks, Units.fromMicros(header.takenAtMicros()));
    }
}
