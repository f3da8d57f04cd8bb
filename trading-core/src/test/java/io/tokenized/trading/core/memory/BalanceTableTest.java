package io.tokenized.trading.core.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
    void rowsKeepTheirValuesWhenUsersAndAssetsOutgrowTheTable() {
        BalanceTable table = new BalanceTable();
        int users = 100;
        int assets = 20;
        for (int user = 0; user < users; user++) {
            for (int asset = 0; asset < assets; asset += 2) {
                table.set(table.createCell(user, asset), 1_000L * user + asset, user + asset);
            }
        }

        assertThat(table.userSlots()).isGreaterThanOrEqualTo(users);
        assertThat(table.assetSlots()).isGreaterThanOrEqualTo(assets - 1);
        for (int user = 0; user < users; user++) {
            for (int asset = 0; asset < assets; asset++) {
                int cell = table.cell(user, asset);
                if (asset % 2 == 1) {
                    assertThat(cell).isEqualTo(BalanceTable.NO_ROW);
                    continue;
                }
                assertThat(table.available(cell)).isEqualTo(1_000L * user + asset);
                assertThat(table.locked(cell)).isEqualTo(user + asset);
            }
        }
    }
}
