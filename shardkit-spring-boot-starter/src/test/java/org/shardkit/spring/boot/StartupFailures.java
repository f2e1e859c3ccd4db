package org.shardkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractThrowableAssert;
import org.shardkit.core.config.ConfigurationException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** Assertions on an application context that did not start. */
final class StartupFailures {
    private StartupFailures() {}

    /** Asserts that the context failed because of shardkit's configuration, and returns that failure. */
    static AbstractThrowableAssert<?, ? extends Throwable> configurationFailure(AssertableApplicationContext context) {
        return assertThat(context).getFailure().rootCause().isInstanceOf(ConfigurationException.class);
    }
}
