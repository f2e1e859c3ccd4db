package org.shardkit.testing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The test kit's settings, read from environment variables.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #MODE}</td><td>{@code embedded}, {@code external} or {@code docker}</td>
 *       <td>{@code embedded}</td></tr>
 *   <tr><td>{@value #PG_URLS}</td><td>external: comma-separated JDBC URLs, one per shard</td>
 *       <td>none</td></tr>
 *   <tr><td>{@value #PG_USER}</td><td>external: user for those URLs</td><td>{@code postgres}</td></tr>
 *   <tr><td>{@value #PG_PASSWORD}</td><td>external: password for those URLs</td><td>empty</td></tr>
 *   <tr><td>{@value #REDIS_URL}</td><td>external: {@code redis://[:password@]host:port}</td>
 *       <td>none</td></tr>
 *   <tr><td>{@value #PG_IMAGE}</td><td>docker: PostgreSQL image</td><td>{@value #DEFAULT_PG_IMAGE}</td></tr>
 *   <tr><td>{@value #REDIS_IMAGE}</td><td>docker: Redis image</td>
 *       <td>{@value #DEFAULT_REDIS_IMAGE}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a password.
 */
public final class TestEnvironment {
    /** Environment variable that selects the {@link TestMode}. */
    public static final String MODE = "SHARDKIT_TEST_MODE";
    /** Environment variable with the external JDBC URLs, comma-separated, one per shard. */
    public static final String PG_URLS = "SHARDKIT_TEST_PG_URLS";
    /** Environment variable with the external PostgreSQL user. */
    public static final String PG_USER = "SHARDKIT_TEST_PG_USER";
    /** Environment variable with the external PostgreSQL password. */
    public static final String PG_PASSWORD = "SHARDKIT_TEST_PG_PASSWORD";
    /** Environment variable with the external Redis URL. */
    public static final String REDIS_URL = "SHARDKIT_TEST_REDIS_URL";
    /** Environment variable with the PostgreSQL image for the Docker mode. */
    public static final String PG_IMAGE = "SHARDKIT_TEST_PG_IMAGE";
    /** Environment variable with the Redis image for the Docker mode. */
    public static final String REDIS_IMAGE = "SHARDKIT_TEST_REDIS_IMAGE";
    /** The PostgreSQL image used in Docker mode unless {@value #PG_IMAGE} says otherwise. */
    public static final String DEFAULT_PG_IMAGE = "postgres:15-alpine";
    /** The Redis image used in Docker mode unless {@value #REDIS_IMAGE} says otherwise. */
    public static final String DEFAULT_REDIS_IMAGE = "redis:7-alpine";

    private static final String HOW_TO_CHOOSE = "choose a mode with " + MODE
            + "=embedded (the default: needs only a JDK), external (set " + PG_URLS + " and " + REDIS_URL
            + ") or docker (needs a Docker engine)";

    private final TestMode mode;
    private final List<String> externalJdbcUrls;
    private final String externalUser;
    private final String externalPassword;
    private final @Nullable URI externalRedisUri;
    private final String postgresImage;
    private final String redisImage;

    private TestEnvironment(
            TestMode mode,
            List<String> externalJdbcUrls,
            String externalUser,
            String externalPassword,
            @Nullable URI externalRedisUri,
            String postgresImage,
            String redisImage) {
        this.mode = mode;
        this.externalJdbcUrls = List.copyOf(externalJdbcUrls);
        this.externalUser = externalUser;
        this.externalPassword = externalPassword;
        this.externalRedisUri = externalRedisUri;
        this.postgresImage = postgresImage;
        this.redisImage = redisImage;
    }

    /**
     * Reads the settings from this process's environment.
     *
     * @return the settings
     * @throws TestKitException if a variable is malformed
     */
    public static TestEnvironment fromSystem() {
        return from(System.getenv());
    }

    /**
     * Reads the settings from a map of environment variables.
     *
     * @param env the variables, e.g. {@code System.getenv()}
     * @return the settings
     * @throws TestKitException naming the variable, its bad value and how to choose another mode
     */
    public static TestEnvironment from(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String modeName = blankToNull(env.get(MODE));
        TestMode mode = modeName == null ? TestMode.EMBEDDED : TestMode.parse(modeName);
        List<String> urls = new ArrayList<>();
        String urlList = blankToNull(env.get(PG_URLS));
        if (urlList != null) {
            for (String url : urlList.split(",", -1)) {
                String trimmed = url.strip();
                if (!trimmed.startsWith("jdbc:postgresql:")) {
                    throw new TestKitException(mode + " mode: " + PG_URLS
                            + " must hold comma-separated JDBC URLs starting with 'jdbc:postgresql:', but one was '"
                            + trimmed + "'; " + HOW_TO_CHOOSE);
                }
                urls.add(trimmed);
            }
        }
        String user = Objects.requireNonNullElse(blankToNull(env.get(PG_USER)), "postgres");
        String password = Objects.requireNonNullElse(env.get(PG_PASSWORD), "");
        URI redisUri = null;
        String redisUrl = blankToNull(env.get(REDIS_URL));
        if (redisUrl != null) {
            redisUri = parseRedisUri(mode, redisUrl);
        }
        if (mode == TestMode.EXTERNAL && urls.isEmpty()) {
            throw new TestKitException("external mode: " + PG_URLS
                    + " is not set; it needs one JDBC URL per shard, e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/shard0,jdbc:postgresql://127.0.0.1:5432/shard1; or "
                    + HOW_TO_CHOOSE);
        }
        String pgImage = Objects.requireNonNullElse(blankToNull(env.get(PG_IMAGE)), DEFAULT_PG_IMAGE);
        String redisImage = Objects.requireNonNullElse(blankToNull(env.get(REDIS_IMAGE)), DEFAULT_REDIS_IMAGE);
        return new TestEnvironment(mode, urls, user, password, redisUri, pgImage, redisImage);
    }

    /**
     * Returns embedded-mode settings, whatever the environment says.
     *
     * @return settings for embedded servers
     */
    public static TestEnvironment embedded() {
        return new TestEnvironment(
                TestMode.EMBEDDED, List.of(), "postgres", "", null, DEFAULT_PG_IMAGE, DEFAULT_REDIS_IMAGE);
    }

    private static URI parseRedisUri(TestMode mode, String redisUrl) {
        try {
            URI uri = new URI(redisUrl.strip());
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
                throw new URISyntaxException(redisUrl, "expected redis://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new TestKitException(
                    mode + " mode: " + REDIS_URL + " must look like redis://[:password@]host:port, but was '"
                            + redacted(redisUrl) + "'; " + HOW_TO_CHOOSE,
                    e);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Hides the password part ({@code user:secret@}) of a URL. */
    static String redacted(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    /** Returns the selected mode. */
    public TestMode mode() {
        return mode;
    }

    /** Returns the external JDBC URLs, one per shard (empty unless given). */
    public List<String> externalJdbcUrls() {
        return externalJdbcUrls;
    }

    /** Returns the external PostgreSQL user. */
    public String externalUser() {
        return externalUser;
    }

    /** Returns the external PostgreSQL password (empty if none). */
    public String externalPassword() {
        return externalPassword;
    }

    /** Returns the external Redis URI, or {@code null} if not given. */
    public @Nullable URI externalRedisUri() {
        return externalRedisUri;
    }

    /** Returns the PostgreSQL image used in Docker mode. */
    public String postgresImage() {
        return postgresImage;
    }

    /** Returns the Redis image used in Docker mode. */
    public String redisImage() {
        return redisImage;
    }

    /**
     * Returns the sentence that tells a user how to pick another mode, for error messages.
     *
     * @return advice naming {@value #MODE} and its values
     */
    public static String howToChoose() {
        return HOW_TO_CHOOSE;
    }

    /**
     * Returns whether another environment has the same settings, the password included (so a
     * builder given two equal environments does not see a conflict).
     *
     * @param o the other object
     * @return whether it is an equal environment
     */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TestEnvironment)) {
            return false;
        }
        TestEnvironment that = (TestEnvironment) o;
        return mode == that.mode
                && externalJdbcUrls.equals(that.externalJdbcUrls)
                && externalUser.equals(that.externalUser)
                && externalPassword.equals(that.externalPassword)
                && Objects.equals(externalRedisUri, that.externalRedisUri)
                && postgresImage.equals(that.postgresImage)
                && redisImage.equals(that.redisImage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                mode, externalJdbcUrls, externalUser, externalPassword, externalRedisUri, postgresImage, redisImage);
    }

    @Override
    public String toString() {
        URI redis = externalRedisUri;
        return "TestEnvironment{mode=" + mode + ", externalJdbcUrls=" + externalJdbcUrls + ", externalUser="
                + externalUser + ", externalRedis=" + (redis == null ? "none" : redacted(redis.toString()))
                + ", postgresImage=" + postgresImage + ", redisImage=" + redisImage + "}";
    }
}
