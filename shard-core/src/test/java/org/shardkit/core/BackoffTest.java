package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void after_doublesFromInitial_upToTheMax() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(30)); // 32 s, capped
        assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void after_manyAttempts_staysAtTheMax_withoutOverflow() {
        assertThat(backoff.after(63)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void construction_badBounds_areRefusedNamingTheValue() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("initial backoff must be positive, but was PT0S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofDays(2)))
                .hasMessage("max backoff must be at most PT24H, but was PT48H");
        assertThatThrownBy(() -> backoff.after(0)).hasMessage("attempts must be >= 1, but was 0");
    }
}
