package org.shardkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shardkit.core.ShardId;

class PoolHealthTest {

    @Test
    void evaluate_thresholdsMatchTheSeed() {
        ShardId s = ShardId.of(3);
        assertThat(PoolHealth.evaluate(s, 6, 4, 0, 10).level()).isEqualTo(PoolHealth.Level.HEALTHY);
        assertThat(PoolHealth.evaluate(s, 7, 3, 0, 10).level()).isEqualTo(PoolHealth.Level.WARNING);
        assertThat(PoolHealth.evaluate(s, 8, 2, 0, 10).level()).isEqualTo(PoolHealth.Level.WARNING);
        assertThat(PoolHealth.evaluate(s, 9, 1, 0, 10).level()).isEqualTo(PoolHealth.Level.CRITICAL);
        assertThat(PoolHealth.evaluate(s, 6, 4, 0, 10).recommendations()).isEmpty();
    }

    @Test
    void evaluate_waitingThreads_areAWarningWithAdvice() {
        PoolHealth h = PoolHealth.evaluate(ShardId.of(1), 2, 0, 5, 10);
        assertThat(h.level()).isEqualTo(PoolHealth.Level.WARNING);
        assertThat(h.recommendations()).anySatisfy(r -> assertThat(r).startsWith("5 thread(s) waiting"));
    }
}
