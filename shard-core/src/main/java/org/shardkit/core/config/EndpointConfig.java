package org.shardkit.core.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one PostgreSQL server (a shard's primary or a replica) is and how to log in.
 *
 * @param url the JDBC URL, starting with {@code jdbc:postgresql:}; every port it names is between 1
 *     and 65535; it must not carry a password
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
        if (badPort(url) != null) {
            // Checked here, not at the first connection: pgjdbc would refuse it only when a pool starts.
            throw new InvalidSettingException("url", "must name ports between 1 and 65535", "'" + redactUrl(url) + "'");
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

    /**
     * Returns the first port of {@code jdbc:postgresql://host[:port][,host[:port]...]/...} that is not
     * a number between 1 and 65535, or null. A URL without {@code //} names no host and no port.
     */
    private static @Nullable String badPort(String url) {
        String rest = url.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            return null;
        }
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop, 2);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        for (String host : rest.substring(2, end).split(",", -1)) {
            int bracket = host.lastIndexOf(']'); // [::1]:5432: the port follows the bracket
            int colon = host.indexOf(':', Math.max(bracket, 0));
            if (colon < 0) {
                continue;
            }
            String port = host.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return port;
            }
            int n = Integer.parseInt(port);
            if (n < 1 || n > 65_535) {
                return port;
            }
        }
        return null;
    }

    /** Hides {@code password=...} parameters of a URL. */
    static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1******");
    }
}
