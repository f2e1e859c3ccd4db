package org.shardkit.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shardkit.core.LimitExceededException;

class KeyedRateLimiterTest {

    @Test
    void acquire_eleventhCallInAMinute_isRejectedNamingKeyAndLimit() {
        KeyedRateLimiter limiter = KeyedRateLimiter.of(10, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            limiter.acquire("agent-7");
        }
        assertThatThrownBy(() -> limiter.acquire("agent-7"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("rate of caller 'agent-7' limit reached (10 per PT1M): try again in the next period")
                .satisfies(e -> assertThat(((LimitExceededException) e).limit()).isEqualTo("10 per PT1M"));
        limiter.acquire("agent-8");
    }

    @Test
    void trackedKeys_areBounded() {
        KeyedRateLimiter limiter = KeyedRateLimiter.of(1, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("k" + i);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(100);
    }

    @Test
    void of_badArguments_nameTheValue() {
        assertThatThrownBy(() -> KeyedRateLimiter.of(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permits must be >= 1, but was 0");
        assertThatThrownBy(() -> KeyedRateLimiter.of(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be >= 1ms, but was PT0S");
    }
}
