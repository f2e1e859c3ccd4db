package org.shardkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
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
    void channel_default_derivedFromKeyPrefix() {
        assertThat(CacheSettings.builder().keyPrefix("p:").build().channel()).isEqualTo("p:invalidations");
    }
}
