package org.shardkit.examples.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spring properties that point shardkit's starter at shards started at run time (the service's
 * embedded servers, a test's servers): {@code shardkit.shards[i].*}, as an {@code application.yml}
 * would hold them. A password goes in as a {@code ${VAR}} reference to another property, never as a
 * literal: shardkit's configuration reader refuses literal passwords.
 *
 * <p>Not thread-safe.
 */
final class ShardSettings {
    private final Map<String, Object> properties = new LinkedHashMap<>();

    /**
     * Adds a shard; shards must be added with ids 0, 1, 2, ...
     *
     * @param id the shard's id
     * @param jdbcUrl the JDBC URL of its primary
     * @param user the user to connect as
     * @param password the password, or empty when the server needs none
     * @return this
     */
    ShardSettings shard(int id, String jdbcUrl, String user, String password) {
        String at = "shardkit.shards[" + id + "].";
        properties.put(at + "id", id);
        properties.put(at + "name", "social_" + id);
        properties.put(at + "primary.url", jdbcUrl);
        properties.put(at + "primary.user", user);
        if (!password.isEmpty()) {
            String variable = "SHARDKIT_EXAMPLE_PASSWORD_" + id;
            properties.put(at + "primary.password", "${" + variable + "}");
            properties.put(variable, password);
        }
        return this;
    }

    /** Adds any other property. */
    ShardSettings with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    /** Returns the properties, in the order added. */
    Map<String, Object> properties() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
