package org.shardkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

    @Test
    void ttl_zero_throwsNamingValue() {
        assertThatThrownBy(() -> NamespaceSettings.builder("a").ttl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be positive, but was PT0S");
    }

    @Test
    void localTtl_negative_throwsNamingValue() {
        assertThatThrownBy(() -> NamespaceSettings.builder("a").localTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("localTtl must be positive, but was PT-1S");
    }

    @Test
    void maxSize_zero_throwsNamingValue() {
        assertThatThrownBy(() -> NamespaceSettings.builder("a").maxSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSize must be positive, but was 0");
    }

    @Test
    void maxValueBytes_negative_throwsNamingValue() {
        assertThatThrownBy(() -> NamespaceSettings.builder("a").maxValueBytes(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxValueBytes must be positive, but was -5");
    }

    @Test
    void namespaceName_withColon_throwsNamingValue() {
        assertThatThrownBy(() -> NamespaceSettings.builder("a:b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace name must be 1 to 64 characters from [A-Za-z0-9_.-], but was 'a:b'");
    }

    @Test
    void port_outOfRange_throwsNamingValue() {
        assertThatThrownBy(() -> RedisSettings.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be in [1, 65535], but was 70000");
    }

    @Test
    void database_negative_throwsNamingValue() {
        assertThatThrownBy(() -> RedisSettings.builder().database(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database must not be negative, but was -1");
    }

    @Test
    void socketTimeout_zero_throwsNamingValue() {
        assertThatThrownBy(() -> RedisSettings.builder().socketTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("socketTimeout must be positive, but was PT0S");
    }

    @Test
    void namespace_addedTwice_throws() {
        CacheSettings.Builder builder = CacheSettings.builder().namespace(NamespaceSettings.of("a"));
        assertThatThrownBy(() -> builder.namespace(NamespaceSettings.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace 'a' was added twice");
    }

    @Test
    void toString_withPassword_hidesIt() {
        RedisSettings redis = RedisSettings.builder().password("s3cret-pw").build();
        CacheSettings settings = CacheSettings.builder().redis(redis).build();
        assertThat(redis.toString()).doesNotContain("s3cret-pw").contains("password=***");
        assertThat(settings.toString()).doesNotContain("s3cret-pw");
        assertThat(redis.password()).contains("s3cret-pw");
    }

    @Test
    void passwordFromEnvironment_missingVariable_throwsNamingVariable() {
        assertThatThrownBy(() -> RedisSettings.builder().passwordFromEnvironment(Map.of(), "REDIS_PASSWORD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the Redis password was to come from environment variable REDIS_PASSWORD, but it is not set");
    }

    @Test
    void fromProperties_everyKey_bound() {
        Map<String, String> properties = Map.ofEntries(
                Map.entry("shardkit.cache.key-prefix", "svc:"),
                Map.entry("shardkit.cache.channel", "svc:inv"),
                Map.entry("shardkit.cache.health-check-interval", "500ms"),
                Map.entry("shardkit.cache.reconnect-delay", "PT0.1S"),
                Map.entry("shardkit.cache.start-timeout", "3s"),
                Map.entry("shardkit.cache.redis.host", "redis.internal"),
                Map.entry("shardkit.cache.redis.port", "6380"),
                Map.entry("shardkit.cache.redis.user", "svc"),
                Map.entry("shardkit.cache.redis.password-env", "REDIS_PW"),
                Map.entry("shardkit.cache.redis.tls", "true"),
                Map.entry("shardkit.cache.redis.database", "3"),
                Map.entry("shardkit.cache.redis.connect-timeout", "150ms"),
                Map.entry("shardkit.cache.redis.socket-timeout", "100ms"),
                Map.entry("shardkit.cache.redis.pool-size", "8"),
                Map.entry("shardkit.cache.redis.pool-max-wait", "20ms"),
                Map.entry("shardkit.cache.namespaces.agents.ttl", "10m"),
                Map.entry("shardkit.cache.namespaces.agents.local-ttl", "30s"),
                Map.entry("shardkit.cache.namespaces.agents.max-size", "50000"),
                Map.entry("shardkit.cache.namespaces.agents.negative-ttl", "5s"),
                Map.entry("shardkit.cache.namespaces.agents.max-value-bytes", "4096"),
                Map.entry("shardkit.cache.namespaces.feeds.local-cache", "false"),
                Map.entry("other.key", "ignored"));

        CacheSettings s = CacheSettings.fromProperties(properties, Map.of("REDIS_PW", "pw"));

        assertThat(s.keyPrefix()).isEqualTo("svc:");
        assertThat(s.channel()).isEqualTo("svc:inv");
        assertThat(s.healthCheckInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.reconnectDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(3));
        RedisSettings r = s.redis();
        assertThat(r.host()).isEqualTo("redis.internal");
        assertThat(r.port()).isEqualTo(6380);
        assertThat(r.user()).contains("svc");
        assertThat(r.password()).contains("pw");
        assertThat(r.tls()).isTrue();
        assertThat(r.database()).isEqualTo(3);
        assertThat(r.connectTimeout()).isEqualTo(Duration.ofMillis(150));
        assertThat(r.socketTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(r.poolSize()).isEqualTo(8);
        assertThat(r.poolMaxWait()).isEqualTo(Duration.ofMillis(20));
        NamespaceSettings agents = Objects.requireNonNull(s.namespaces().get("agents"));
        assertThat(agents.ttl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(agents.localTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(agents.maxSize()).isEqualTo(50_000);
        assertThat(agents.negativeTtl()).contains(Duration.ofSeconds(5));
        assertThat(agents.maxValueBytes()).isEqualTo(4096);
        NamespaceSettings feeds = Objects.requireNonNull(s.namespaces().get("feeds"));
        assertThat(feeds.localCache()).isFalse();
        assertThat(feeds.localTtl()).isEqualTo(NamespaceSettings.DEFAULT_TTL);
    }

    @Test
    void fromProperties_unknownKey_throwsNamingIt() {
        assertThatThrownBy(() -> CacheSettings.fromProperties(Map.of("shardkit.cache.redis.hots", "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown cache properties [shardkit.cache.redis.hots]; see docs/cache.md");
    }

    @Test
    void fromProperties_plainPassword_rejectedWithoutEchoingIt() {
        assertThatThrownBy(() ->
                        CacheSettings.fromProperties(Map.of("shardkit.cache.redis.password", "hunter2"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password-env")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void fromProperties_badDuration_throwsNamingPropertyAndValue() {
        assertThatThrownBy(
                        () -> CacheSettings.fromProperties(Map.of("shardkit.cache.namespaces.a.ttl", "soon"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardkit.cache.namespaces.a.ttl must be a duration such as 500ms, 30s, 10m or PT10M,"
                        + " but was 'soon'");
    }

    @Test
    void fromProperties_zeroTtl_throwsNamingPropertyAndValue() {
        assertThatThrownBy(
                        () -> CacheSettings.fromProperties(Map.of("shardkit.cache.namespaces.a.ttl", "0s"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardkit.cache.namespaces.a.ttl: ttl must be positive, but was PT0S");
    }

    @Test
    void fromProperties_badNumber_throwsNamingPropertyAndValue() {
        assertThatThrownBy(() -> CacheSettings.fromProperties(Map.of("shardkit.cache.redis.port", "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardkit.cache.redis.port must be a number, but was 'x'");
    }

    @Test
    void channel_default_derivedFromKeyPrefix() {
        assertThat(CacheSettings.builder().keyPrefix("p:").build().channel()).isEqualTo("p:invalidations");
    }
}
