package io.tokenized.trading.core.memory;

import io.tokenized.trading.core.port.JournalEntry;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.tokenized.trading.core.memory.Rows.anEntry;
import static org.assertj.core.api.Assertions.assertThat;

class JournalTableTest {
    private final Names users = new Names();
    private final Names assets = new Names();
    private final JournalTable table = new JournalTable(users, assets);

    @Test
    void theNilUuidIsAnIdAndNullIsNone() {
        JournalEntry withNil = anEntry(0, new UUID(0, 0), null);
        JournalEntry withoutTrade = anEntry(1, null, null);

        int first = table.add(withNil);
        int second = table.add(withoutTrade);

        assertThat(table.record(first)).isEqualTo(withNil);
        assertThat(table.record(first).reversesId()).isEqualTo(new UUID(0, 0));
        assertThat(table.hasTrade(first)).isTrue();
        assertThat(table.record(second)).isEqualTo(withoutTrade);
        assertThat(table.hasTrade(second)).isFalse();
    }

    @Test
    void anIdempotencyKeyFindsItsEntryForItsUserOnly() {
        int row = table.add(anEntry(3, null, "dep-1"));

        assertThat(table.findByIdempotencyKey(users.find("user-3"), "dep-1")).isEqualTo(row);
        assertThat(table.findByIdempotencyKey(users.intern("user-4"), "dep-1")).isEqualTo(JournalTable.ABSENT);
        assertThat(table.record(row).idempotencyKey()).isEqualTo("dep-1");
    }

    @Test
    void aHundredThousandEntriesReadBackAsTheyWereStored() {
        for (int n = 0; n < 100_000; n++) {
            UUID trade = n % 4 == 0 ? null : new UUID(9, n / 4);
            assertThat(table.add(anEntry(n, trade, n % 10 == 0 ? "key-" + n : null))).isEqualTo(n);
        }

        assertThat(table.size()).isEqualTo(100_000);
        for (int n = 0; n < 100_000; n++) {
            UUID trade = n % 4 == 0 ? null : new UUID(9, n / 4);
            JournalEntry entry = anEntry(n, trade, n % 10 == 0 ? "key-" + n : null);
            assertThat(table.record(n)).isEqualTo(entry);
            assertThat(users.name(table.user(n))).isEqualTo(entry.userId());
            assertThat(assets.name(table.asset(n))).isEqualTo(entry.assetId());
            assertThat(table.kind(n)).isEqualTo(entry.kind().ordinal());
            assertThat(table.amountMinor(n)).isEqualTo(entry.amountMinor());
            if (entry.idempotencyKey() != null) {
                assertThat(table.findByIdempotencyKey(table.user(n), entry.idempotencyKey())).isEqualTo(n);
            }
        }
    }

    @Test
    void eachUsersEntriesAreListedNewestFirst() {
        for (int n = 0; n < 5_000; n++) {
            table.add(anEntry(n, null, null));
        }

        for (int user = 0; user < 11; user++) {
            int id = users.find("user-" + user);
            int expected = 4_999 - (4_999 - user) % 11;
            int listed = 0;
            for (int row = table.newestOfUser(id); row != JournalTable.ABSENT; row = table.previousOfUser(row)) {
                assertThat(row).isEqualTo(expected);
                expected -= 11;
                listed++;
            }
            assertThat(listed).isEqualTo((4_999 - user) / 11 + 1);
        }
        assertThat(table.newestOfUser(users.intern("nobody"))).isEqualTo(JournalTable.ABSENT);
    }
}
