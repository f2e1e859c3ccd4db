package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JournalSettingsTest {
    private final Path dir = Path.of("journal");

    @Test
    void build_defaults() {
        JournalSettings s = JournalSettings.builder(dir).build();
        assertThat(s.directory()).isEqualTo(dir.toAbsolutePath());
        assertThat(s.segmentBytes()).isEqualTo(8 << 20);
        assertThat(s.maxBytes()).isEqualTo(128L << 20);
        assertThat(s.maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(s.maxGroupRecords()).isEqualTo(4096);
        assertThat(s)
                .isEqualTo(JournalSettings.builder(dir).build())
                .hasSameHashCodeAs(JournalSettings.builder(dir).build());
        assertThat(s.toString())
                .isEqualTo("JournalSettings[directory=" + dir.toAbsolutePath() + ", segmentBytes=8388608,"
                        + " maxBytes=134217728, maxRecordBytes=1048576, maxGroupRecords=4096]");
    }

    @Test
    void build_unsetBoundsFollowTheSegmentSize() {
        JournalSettings small = JournalSettings.builder(dir).segmentBytes(65536).build();
        assertThat(small.maxRecordBytes()).isEqualTo(65536 - 20);
        JournalSettings large =
                JournalSettings.builder(dir).segmentBytes(256 << 20).build();
        assertThat(large.maxBytes()).isEqualTo(512L << 20);
    }

    @Test
    void setters_outOfBounds_areRefusedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> JournalSettings.builder(dir).segmentBytes(65535))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segmentBytes must be >= 65536, but was 65535");
        assertThatThrownBy(() -> JournalSettings.builder(dir).segmentBytes(1L << 31))
                .hasMessage("segmentBytes must be <= 1073741824, but was 2147483648");
        assertThatThrownBy(() -> JournalSettings.builder(dir).maxBytes(1000))
                .hasMessage("maxBytes must be >= 131072, but was 1000");
        assertThatThrownBy(() -> JournalSettings.builder(dir).maxRecordBytes(0))
                .hasMessage("maxRecordBytes must be >= 1, but was 0");
        assertThatThrownBy(() -> JournalSettings.builder(dir).maxGroupRecords(0))
                .hasMessage("maxGroupRecords must be >= 1, but was 0");
        assertThatThrownBy(() -> JournalSettings.builder(dir).maxGroupRecords(2_000_000))
                .hasMessage("maxGroupRecords must be <= 1048576, but was 2000000");
    }

    @Test
    void build_contradictions_areRefusedNamingTheLaterSetting() {
        assertThatThrownBy(() -> JournalSettings.builder(dir)
                        .segmentBytes(65536)
                        .maxRecordBytes(65517)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordBytes must be <= segmentBytes - 20 (65516), but was 65517");
        assertThatThrownBy(() -> JournalSettings.builder(dir)
                        .segmentBytes(1 << 20)
                        .maxBytes((2 << 20) - 1)
                        .build())
                .hasMessage("maxBytes must be >= 2 * segmentBytes (2097152), but was 2097151");
        assertThat(JournalSettings.builder(dir)
                        .segmentBytes(65536)
                        .maxRecordBytes(65516)
                        .build()
                        .maxRecordBytes())
                .isEqualTo(65516);
    }

    @Test
    void setters_givenTwice_areRefused() {
        assertThatThrownBy(
                        () -> JournalSettings.builder(dir).segmentBytes(65536).segmentBytes(131072))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("segmentBytes was already set to 65536, cannot set it to 131072");
        assertThatThrownBy(() -> JournalSettings.builder(dir).maxBytes(1 << 30).maxBytes(1 << 29))
                .hasMessage("maxBytes was already set to 1073741824, cannot set it to 536870912");
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void builder_nullDirectory_isRefused() {
        assertThatThrownBy(() -> JournalSettings.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("directory");
    }
}
