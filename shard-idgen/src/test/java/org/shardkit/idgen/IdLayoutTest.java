package org.shardkit.idgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdLayoutTest {
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void ofDefaults_hasSnowflakeBitsAndLimits() {
        IdLayout layout = IdLayout.ofDefaults();

        assertThat(layout.timestampBits()).isEqualTo(41);
        assertThat(layout.workerBits()).isEqualTo(10);
        assertThat(layout.sequenceBits()).isEqualTo(12);
        assertThat(layout.maxWorkerId()).isEqualTo(1023);
        assertThat(layout.maxSequence()).isEqualTo(4095);
        assertThat(layout.maxTimestampOffsetMillis()).isEqualTo((1L << 41) - 1);
        assertThat(layout.epoch()).isEqualTo(IdLayout.DEFAULT_EPOCH);
    }

    @Test
    void new_bitsNotAddingTo63_throwsNamingTheBits() {
        assertThatThrownBy(() -> IdLayout.of(41, 10, 13, EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestampBits + workerBits + sequenceBits must be 63, but was 41 + 10 + 13 = 64");
    }

    @Test
    void new_negativeWorkerBits_throwsNamingTheValue() {
        assertThatThrownBy(() -> IdLayout.of(52, -1, 12, EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerBits must be at least 0, but was -1");
    }

    @Test
    void new_zeroSequenceBits_throwsNamingTheValue() {
        assertThatThrownBy(() -> IdLayout.of(53, 10, 0, EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequenceBits must be at least 1, but was 0");
    }

    @Test
    void new_zeroTimestampBits_throwsNamingTheValue() {
        assertThatThrownBy(() -> IdLayout.of(0, 51, 12, EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestampBits must be at least 1, but was 0");
    }

    @Test
    void checkWorkerId_outOfRange_throwsNamingValueAndRange() {
        IdLayout layout = IdLayout.ofDefaults();

        assertThatThrownBy(() -> layout.checkWorkerId(1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerId must be in [0, 1023] for 10 worker bits, but was 1024");
        assertThatThrownBy(() -> layout.checkWorkerId(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was -1");
    }

    @Test
    void compose_sequenceOutOfRange_throwsNamingValue() {
        assertThatThrownBy(() -> IdLayout.ofDefaults().compose(0, 0, 4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence must be in [0, 4095], but was 4096");
    }

    @Test
    void decode_negativeId_throws() {
        assertThatThrownBy(() -> IdLayout.ofDefaults().decode(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was -5");
    }

    @Test
    void decode_composedParts_roundTrips() {
        SplittableRandom random = new SplittableRandom(42);
        for (IdLayout layout :
                new IdLayout[] {IdLayout.ofDefaults(), IdLayout.of(39, 8, 16, EPOCH), IdLayout.of(62, 0, 1, EPOCH)}) {
            for (int i = 0; i < 100_000; i++) {
                long offset = random.nextLong(layout.maxTimestampOffsetMillis() + 1);
                long worker = random.nextLong(layout.maxWorkerId() + 1);
                long sequence = random.nextLong(layout.maxSequence() + 1);

                long id = layout.compose(offset, worker, sequence);
                IdParts parts = layout.decode(id);

                assertThat(id).isNotNegative();
                assertThat(parts.timestamp()).isEqualTo(Instant.ofEpochMilli(layout.epochMillis() + offset));
                assertThat(parts.workerId()).isEqualTo(worker);
                assertThat(parts.sequence()).isEqualTo(sequence);
            }
        }
    }

    @Test
    void compose_decodedRandomId_returnsSameId() {
        SplittableRandom random = new SplittableRandom(7);
        IdLayout layout = IdLayout.ofDefaults();
        for (int i = 0; i < 100_000; i++) {
            long id = random.nextLong(Long.MAX_VALUE);
            IdParts parts = layout.decode(id);
            long offset = parts.timestamp().toEpochMilli() - layout.epochMillis();

            assertThat(layout.compose(offset, parts.workerId(), parts.sequence()))
                    .isEqualTo(id);
        }
    }
}
