package org.shardkit.spring.boot;

import org.shardkit.core.config.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ConfigurationException} at startup into Spring Boot's "APPLICATION FAILED TO START"
 * report: every problem with its key and where it was written, instead of a bean-creation stack.
 *
 * <p>Thread-safe.
 */
final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Correct the shardkit configuration: every key and its rules are in shardkit's"
                        + " docs/configuration.md; the starter's own keys (shardkit.enabled, shardkit.config,"
                        + " shardkit.migrate.*, shardkit.social.*) are in docs/spring-boot.md.",
                cause);
    }
}
