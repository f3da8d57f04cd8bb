package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.TradingException;
import io.tokenized.trading.core.ledger.EntryKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BalanceTableTest {

    @Test
    void aRowExistsOnceCreatedEvenAtZero() {
        BalanceTable table = new BalanceTable();

        assertThat(table.cell(0, 0)).isEqualTo(BalanceTable.NO_ROW);
        int cell = table.createCell(0, 0);

        assertThat(table.cell(0, 0)).isEqualTo(cell);
        assertThat(table.available(cell)).isZero();
        assertThat(table.locked(cell)).isZero();
        assertThat(table.cell(0, 1)).isEqualTo(BalanceTable.NO_ROW);
        assertThat(table.cell(1_000, 1_000)).isEqualTo(BalanceTable.NO_ROW);
    }

    @Test
    void rowsAndJournalSumsKeepTheirValuesWhenUsersAndAssetsOutgrowTheTable() {
        BalanceTable table = new BalanceTable();
        int users = 100;
        int assets = 20;
        for (int user = 0; user < users; user++) {
            for (int asset = 0; asset < assets; asset += 2) {
                table.set(table.createCell(user, asset), 1_000L * user + asset, user + asset);
                table.addEntry(user, asset, EntryKind.DEPOSIT.ordinal(), 1_000L * user + asset);
                table.addEntry(user, asset, EntryKind.DEPOSIT.ordinal(), user + asset);
                table.addEntry(user, asset, EntryKind.FEE.ordinal(), -1);
            }
        }

        assertThat(table.userSlots()).isGreaterThanOrEqualTo(users);
        assertThat(table.assetSlots()).isGreaterThanOrEqualTo(assets - 1);
        for (int user = 0; user < users; user++) {
            for (int asset = 0; asset < assets; asset++) {
                int cell = table.cell(user, asset);
                if (asset % 2 == 1) {
                    assertThat(cell).isEqualTo(BalanceTable.NO_ROW);
                    assertThat(table.entryCount(user, asset, EntryKind.DEPOSIT.ordinal())).isZero();
                    continue;
                }
                assertThat(table.available(cell)).isEqualTo(1_000L * user + asset);
                assertThat(table.locked(cell)).isEqualTo(user + asset);
                assertThat(table.entrySum(user, asset, EntryKind.DEPOSIT.ordinal())).isEqualTo(1_001L * user + 2L * asset);
                assertThat(table.entryCount(user, asset, EntryKind.DEPOSIT.ordinal())).isEqualTo(2);
                assertThat(table.entrySum(user, asset, EntryKind.FEE.ordinal())).isEqualTo(-1);
                assertThat(table.entryCount(user, asset, EntryKind.TRADE.ordinal())).isZero();
            }
        }
    }

    @Test
    void journalSumsExistWithoutABalanceRow() {
        BalanceTable table = new BalanceTable();

        table.addEntry(40, 9, EntryKind.TRADE.ordinal(), 5);

        assertThat(table.cell(40, 9)).isEqualTo(BalanceTable.NO_ROW);
        assertThat(table.entrySum(40, 9, EntryKind.TRADE.ordinal())).isEqualTo(5);
        assertThat(table.entrySum(400, 90, EntryKind.TRADE.ordinal())).isZero();
    }

    @Test
    void aJournalSumMayPassALongWhileAddingAndIsReadWhenItFitsAgain() {
        BalanceTable table = new BalanceTable();
        int deposit = EntryKind.DEPOSIT.ordinal();
        int withdrawal = EntryKind.WITHDRAWAL.ordinal();
        for (int cycle = 0; cycle < 3; cycle++) {
            table.addEntry(3, 1, deposit, Long.MAX_VALUE);
            table.addEntry(3, 1, withdrawal, -Long.MAX_VALUE);
        }

        assertThatThrownBy(() -> table.entrySum(3, 1, deposit)).isInstanceOf(TradingException.class)
                .hasMessageContaining("DEPOSIT");
        assertThatThrownBy(() -> table.entrySum(3, 1, withdrawal)).isInstanceOf(TradingException.class);
        assertThat(table.entryCount(3, 1, deposit)).isEqualTo(3);

        table.addEntry(3, 1, deposit, -Long.MAX_VALUE);
        table.addEntry(3, 1, deposit, -Long.MAX_VALUE);
        table.addEntry(3, 1, deposit, -5);
        assertThat(table.entrySum(3, 1, deposit)).isEqualTo(Long.MAX_VALUE - 5);
        table.addEntry(3, 1, withdrawal, Long.MAX_VALUE);
        table.addEntry(3, 1, withdrawal, Long.MAX_VALUE);
        assertThat(table.entrySum(3, 1, withdrawal)).isEqualTo(-Long.MAX_VALUE);
        table.addEntry(3, 1, withdrawal, -1);
        assertThat(table.entrySum(3, 1, withdrawal)).isEqualTo(Long.MIN_VALUE);
        table.addEntry(3, 1, withdrawal, -1);
        assertThatThrownBy(() -> table.entrySum(3, 1, withdrawal)).isInstanceOf(TradingException.class);
    }
}
