package io.tokenized.trading.jdbi;

import com.zaxxer.hikari.HikariConfig;
import io.tokenized.trading.migrations.DatabaseUrl;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest {

    private static final DatabaseUrl POOLED = DatabaseUrl.parse("postgresql://app:s3cret@ep-cool-darkness-123456"
            + "-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=require&channel_binding=require");
    private static final DatabaseUrl DIRECT = POOLED.direct();

    @Test
    void thePoolKeepsThePasswordOutOfTheUrlAndRewritesBatchedInserts() {
        HikariConfig config = TradingDataSources.hikariConfig(POOLED, PoolSettings.defaults());

        assertThat(config.getJdbcUrl()).doesNotContain("s3cret").contains("sslmode=require")
                .contains("channelBinding=require");
        assertThat(config.getPoolName()).doesNotContain("s3cret");
        assertThat(config.getUsername()).isEqualTo("app");
        assertThat(config.getPassword()).isEqualTo("s3cret");
        assertThat(config.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true")
                .containsEntry("ApplicationName", PoolSettings.DEFAULT_APPLICATION_NAME);
        assertThat(config.getConnectionInitSql()).isNull();
        assertThat(config.getMaximumPoolSize()).isEqualTo(PoolSettings.DEFAULT_MAXIMUM_POOL_SIZE);
    }

    @Test
    void serverSidePreparedStatementsAreOffBehindAPoolerAndOnForADirectEndpointUnlessConfigured() {
        assertThat(TradingDataSources.hikariConfig(POOLED, PoolSettings.defaults()).getDataSourceProperties())
                .containsEntry("prepareThreshold", "0");
        assertThat(TradingDataSources.hikariConfig(DIRECT, PoolSettings.defaults()).getDataSourceProperties())
                .containsEntry("prepareThreshold", "5");
        assertThat(TradingDataSources.hikariConfig(DIRECT, PoolSettings.builder().prepareThreshold(0).build())
                .getDataSourceProperties()).containsEntry("prepareThreshold", "0");
    }

    @Test
    void poolSettingsRefuseValuesThePoolWouldRejectOrSilentlyChange() {
        assertThatThrownBy(() -> PoolSettings.builder().maximumPoolSize(0).build())
                .hasMessageContaining("maximumPoolSize");
        assertThatThrownBy(() -> PoolSettings.builder().maximumPoolSize(4).minimumIdle(5).build())
                .hasMessageContaining("minimumIdle");
        assertThatThrownBy(() -> PoolSettings.builder().maxLifetime(Duration.ofSeconds(5)).build())
                .hasMessageContaining("maxLifetime");
        assertThatThrownBy(() -> PoolSettings.builder().prepareThreshold(-1).build())
                .hasMessageContaining("prepareThreshold");
    }

    @Test
    void storeSettingsHaveNamedDefaultsAndRefuseInvalidValues() {
        JdbiStoreConfig defaults = JdbiStoreConfig.defaults();
        assertThat(defaults.schema()).isEqualTo("public");
        assertThat(defaults.maxBatchSize()).isEqualTo(JdbiStoreConfig.DEFAULT_MAX_BATCH_SIZE);
        assertThat(defaults.snapshotEverySequences()).isEqualTo(JdbiStoreConfig.DEFAULT_SNAPSHOT_EVERY_SEQUENCES);

        assertThatThrownBy(() -> JdbiStoreConfig.builder().schema(" ").build()).hasMessageContaining("schema");
        assertThatThrownBy(() -> JdbiStoreConfig.builder().schema("x".repeat(64)).build())
                .hasMessageContaining("63 bytes");
        assertThatThrownBy(() -> JdbiStoreConfig.builder().maxBatchSize(0).build())
                .hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> JdbiStoreConfig.builder().snapshotEverySequences(-1).build())
                .hasMessageContaining("snapshotEverySequences");
        assertThatThrownBy(() -> JdbiStoreConfig.builder().retryBackoff(Duration.ofMillis(10), Duration.ofMillis(1))
                .build()).hasMessageContaining("backoff");
    }

    @Test
    void theMarketLockKeyIsStableAndDistinctPerSchemaAndMarket() {
        long key = MarketLocks.key("public", "ACME");

        assertThat(MarketLocks.key("public", "ACME")).isEqualTo(key);
        assertThat(MarketLocks.key("trading", "ACME")).isNotEqualTo(key);
        assertThat(MarketLocks.key("public", "ACMF")).isNotEqualTo(key);
    }

    @Test
    void schemaVersionsCompareNumerically() {
        assertThat(JdbiTradingStore.compareVersions("1", "1")).isZero();
        assertThat(JdbiTradingStore.compareVersions("none", "1")).isNegative();
        assertThat(JdbiTradingStore.compareVersions("0", "1")).isNegative();
        assertThat(JdbiTradingStore.compareVersions("1.1", "1")).isPositive();
        assertThat(JdbiTradingStore.compareVersions("10", "9")).isPositive();
    }
}
