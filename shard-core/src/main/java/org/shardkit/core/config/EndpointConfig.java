package org.shardkit.core.config;

import java.util.Objects;

/**
 * Where one PostgreSQL server (a shard's primary or a replica) is and how to log in.
 *
 * @param url the JDBC URL, starting with {@code jdbc:postgresql:}; it must not carry a password
 * @param user the user name
 * @param password the password (never shown by {@code toString})
 */
public record EndpointConfig(String url, String user, Secret password) {

    /**
     * Validates the endpoint.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public EndpointConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new InvalidSettingException("url", "must start with 'jdbc:postgresql:'", "'" + redactUrl(url) + "'");
        }
        if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new InvalidSettingException(
                    "url",
                    "must not carry a password (use password: ${VAR} or passwordFile)",
                    "'" + redactUrl(url) + "'");
        }
    }

    /**
     * Returns an endpoint.
     *
     * @param url the JDBC URL
     * @param user the user
     * @param password the password
     * @return the endpoint
     */
    public static EndpointConfig of(String url, String user, Secret password) {
        return new EndpointConfig(url, user, password);
    }

    /** Hides {@code password=...} parameters of a URL. */
    static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1******");
    }
}
