package io.tokenized.trading.core.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserKeysTest {

    @Test
    void aKeyBelongsToOneUser() {
        UserKeys keys = new UserKeys();

        int keyId = keys.add(0, "dep-1", 42);

        assertThat(keys.find(0, "dep-1")).isEqualTo(42);
        assertThat(keys.find(1, "dep-1")).isEqualTo(UserKeys.ABSENT);
        assertThat(keys.find(0, "dep-2")).isEqualTo(UserKeys.ABSENT);
        assertThat(keys.key(keyId)).isEqualTo("dep-1");
    }

    @Test
    void keysWithEqualHashesAreToldApart() {
        UserKeys keys = new UserKeys();
        // "Aa" and "BB" share a String hash code, and (user 1, "Aa") hashes as (user 0, "Ba").
        keys.add(0, "Aa", 1);
        keys.add(0, "BB", 2);
        keys.add(1, "Aa", 3);
        keys.add(0, "Ba", 4);

        assertThat(keys.find(0, "Aa")).isEqualTo(1);
        assertThat(keys.find(0, "BB")).isEqualTo(2);
        assertThat(keys.find(1, "Aa")).isEqualTo(3);
        assertThat(keys.find(0, "Ba")).isEqualTo(4);
        assertThat(keys.find(1, "BB")).isEqualTo(UserKeys.ABSENT);
    }

    @Test
    void retainsTheCallersStringOnce() {
        UserKeys keys = new UserKeys();
        String key = new String("client-7");

        int keyId = keys.add(3, key, 0);

        assertThat(keys.key(keyId)).isSameAs(key);
    }

    @Test
    void findsEveryKeyOfManyUsersThroughGrowth() {
        UserKeys keys = new UserKeys();
        for (int i = 0; i < 200_000; i++) {
            assertThat(keys.add(i % 1_000, "key-" + i / 1_000, i)).isEqualTo(i);
        }

        for (int i = 0; i < 200_000; i++) {
            assertThat(keys.find(i % 1_000, "key-" + i / 1_000)).isEqualTo(i);
            assertThat(keys.key(i)).isEqualTo("key-" + i / 1_000);
        }
        assertThat(keys.find(0, "key-200")).isEqualTo(UserKeys.ABSENT);
        assertThat(keys.size()).isEqualTo(200_000);
    }
}
