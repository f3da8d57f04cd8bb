package io.tokenized.trading.jdbi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripTest {

    @Test
    void turnsNamedParametersIntoPositionalOnesAndKeepsCasts() {
        String named = "select user_id::text from t where id = :id and k in (select cast(:userIds as text[]))";

        String positional = RoundTrip.positional(named);

        assertThat(positional).isEqualTo("select user_id::text from t where id = ? and k in (select cast(? as text[]))");
    }

    @Test
    void lockAndMarketReadAreTwoStatements() {
        Statements sql = new Statements("public", "text", "public", "user", "id");

        assertThat(sql.lockMarketThenAsset.split(";\n")).hasSize(2);
        assertThat(sql.lockMarketThenAsset).startsWith("select 1 from pg_advisory_xact_lock(?);\n");
    }
}
