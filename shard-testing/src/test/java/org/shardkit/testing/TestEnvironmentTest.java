package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestEnvironmentTest {

    @Test
    void from_noVariables_defaultsToEmbedded() {
        TestEnvironment env = TestEnvironment.from(Map.of());

        assertThat(env.mode()).isEqualTo(TestMode.EMBEDDED);
        assertThat(env.externalJdbcUrls()).isEmpty();
        assertThat(env.externalRedisUri()).isNull();
    }

    @Test
    void from_modeIgnoresCaseAndBlanks() {
        assertThat(TestEnvironment.from(Map.of(TestEnvironment.MODE, " Embedded "))
                        .mode())
                .isEqualTo(TestMode.EMBEDDED);
    }

    @Test
    void from_unknownMode_namesValueChoicesAndDefault() {
        assertThatThrownBy(() -> TestEnvironment.from(Map.of(TestEnvironment.MODE, "kubernetes")))
                .isInstanceOf(TestKitException.class)
                .hasMessage("SHARDKIT_TEST_MODE must be one of embedded, external, docker, but was 'kubernetes';"
                        + " unset it to use the default (embedded servers, needs only a JDK)");
    }

    @Test
    void from_externalWithoutUrls_saysWhichVariableAndHowToChooseAnother() {
        assertThatThrownBy(() -> TestEnvironment.from(Map.of(TestEnvironment.MODE, "external")))
                .isInstanceOf(TestKitException.class)
                .hasMessageStartingWith("external mode: SHARDKIT_TEST_PG_URLS is not set")
                .hasMessageContaining("SHARDKIT_TEST_MODE=embedded");
    }

    @Test
    void from_urlThatIsNotJdbc_namesTheUrl() {
        assertThatThrownBy(() -> TestEnvironment.from(Map.of(
                        TestEnvironment.MODE, "external",
                        TestEnvironment.PG_URLS, "jdbc:postgresql://h/db0, postgres://h/db1")))
                .isInstanceOf(TestKitException.class)
                .hasMessageContaining("but one was 'postgres://h/db1'");
    }

    @Test
    void from_externalUrls_areSplitAndTrimmed() {
        TestEnvironment env = TestEnvironment.from(Map.of(
                TestEnvironment.MODE, "external",
                TestEnvironment.PG_URLS, "jdbc:postgresql://127.0.0.1:5432/a , jdbc:postgresql://127.0.0.1:5432/b",
                TestEnvironment.REDIS_URL, "redis://127.0.0.1:6379"));

        assertThat(env.externalJdbcUrls())
                .containsExactly("jdbc:postgresql://127.0.0.1:5432/a", "jdbc:postgresql://127.0.0.1:5432/b");
        assertThat(env.externalUser()).isEqualTo("postgres");
        assertThat(env.externalRedisUri()).hasHost("127.0.0.1").hasPort(6379);
    }

    @Test
    void from_badRedisUrl_hidesPasswordInMessage() {
        assertThatThrownBy(() -> TestEnvironment.from(Map.of(TestEnvironment.REDIS_URL, "rediss://:s3cret@host")))
                .isInstanceOf(TestKitException.class)
                .hasMessageContaining("SHARDKIT_TEST_REDIS_URL must look like redis://")
                .hasMessageContaining("rediss://***@host")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void toString_neverShowsPasswords() {
        TestEnvironment env = TestEnvironment.from(Map.of(
                TestEnvironment.MODE, "external",
                TestEnvironment.PG_URLS, "jdbc:postgresql://127.0.0.1:5432/a",
                TestEnvironment.PG_PASSWORD, "pg-secret",
                TestEnvironment.REDIS_URL, "redis://:redis-secret@127.0.0.1:6379"));

        assertThat(env.toString()).doesNotContain("pg-secret").doesNotContain("redis-secret");
    }

    @Test
    void equals_sameSettings_equalElseNot() {
        Map<String, String> external = Map.of(
                TestEnvironment.MODE, "external",
                TestEnvironment.PG_URLS, "jdbc:postgresql://127.0.0.1:5432/a",
                TestEnvironment.PG_PASSWORD, "pg-secret");

        assertThat(TestEnvironment.from(Map.of())).isEqualTo(TestEnvironment.embedded());
        assertThat(TestEnvironment.from(external))
                .isEqualTo(TestEnvironment.from(external))
                .hasSameHashCodeAs(TestEnvironment.from(external))
                .isNotEqualTo(TestEnvironment.embedded());
        assertThat(TestEnvironment.from(Map.of(TestEnvironment.PG_IMAGE, "postgres:16")))
                .isNotEqualTo(TestEnvironment.embedded());
    }

    @Test
    void serverSetting_badName_namesIt() {
        assertThatThrownBy(() -> ShardServersExtension.builder().serverSetting("max connections", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server setting name must match [A-Za-z0-9_.]+, but was 'max connections'");
    }

    @Test
    void shards_zero_isRejectedWithValue() {
        assertThatThrownBy(() -> ShardServersExtension.builder().shards(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shards must be >= 1, but was 0");
    }
}
