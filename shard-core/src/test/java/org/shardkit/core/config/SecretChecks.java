package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The secret the reliability tests of the configuration read from the environment, and the checks
 * that it shows up nowhere: not in a message, a stack trace, a {@code toString} or a log line.
 */
final class SecretChecks {
    /** Set for the test JVMs by shard-core/pom.xml (surefire and failsafe {@code environmentVariables}). */
    static final String VARIABLE = "SHARDKIT_RELTEST_PASSWORD";

    private SecretChecks() {}

    /** Returns the secret; fails with what to do when the test JVM was started without it. */
    static String secret() {
        String value = System.getenv(VARIABLE);
        assertThat(value)
                .as(
                        "%s must be set for this test JVM (shard-core/pom.xml sets it for surefire and failsafe;"
                                + " set it yourself when running the test elsewhere)",
                        VARIABLE)
                .isNotBlank();
        return value;
    }

    /** Returns everything a throwable says: its class, message and stack, its causes and suppressed ones. */
    static String everything(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Asserts the secret is in none of the texts. */
    static void assertNowhere(String secret, String what, List<String> texts) {
        for (String text : texts) {
            if (text.contains(secret)) {
                throw new AssertionError("the secret from " + VARIABLE + " appears in " + what + ": "
                        + text.replace(secret, "<<SECRET>>"));
            }
        }
    }
}
