package org.shardkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, case 10: a corpus of malformed configuration files ({@code src/test/resources/bad-config},
 * one case a file) read with the process's real environment, each failing with exactly the message
 * {@code bad-config/expected-messages.txt} gives it: the path of the bad key, what is wrong with the
 * value as the file wrote it, and the line. The password variable {@value SecretChecks#VARIABLE}
 * (set for the test JVM by the pom) is used where it belongs and where it does not (as a URL, a pool
 * size, a duration, a time zone); its value must appear in no message, stack trace, {@code toString}
 * or log line of the whole run.
 */
@Tag("reliability")
class BadConfigCorpusTest {
    private static final String FOLDER = "bad-config";
    private static final String EXPECTATIONS = "expected-messages.txt";
    private static final int AT_LEAST = 40;

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    static Path folder() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(BadConfigCorpusTest.class.getResource("/" + FOLDER))
                .toURI());
    }

    /** Reads the expectations: a block per file, {@code == <file>} and then the message's lines. */
    static Map<String, String> expectations() throws IOException, URISyntaxException {
        Map<String, String> expected = new LinkedHashMap<>();
        String file = null;
        List<String> message = new ArrayList<>();
        for (String line : Files.readAllLines(folder().resolve(EXPECTATIONS), StandardCharsets.UTF_8)) {
            if (line.startsWith("== ")) {
                if (file != null) {
                    expected.put(file, String.join("\n", message).strip());
                }
                file = line.substring(3).strip();
                message.clear();
            } else if (file != null) {
                message.add(line);
            }
        }
        if (file != null) {
            expected.put(file, String.join("\n", message).strip());
        }
        return expected;
    }

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        return expectations().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void corpus_hasAtLeast40Files_eachWithOneExpectation() throws IOException, URISyntaxException {
        List<String> files;
        try (Stream<Path> list = Files.list(folder())) {
            files = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(AT_LEAST);
        assertThat(expectations().keySet()).containsExactlyInAnyOrderElementsOf(files);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badFile_failsWithExactlyItsMessage_andNeverShowsTheSecret(String file, String expected) throws Exception {
        String secret = SecretChecks.secret();
        Path path = folder().resolve(file);
        String yaml = Files.readString(path, StandardCharsets.UTF_8);

        Throwable fromText = catchThrowable(() -> ShardkitConfig.fromYaml(yaml, System.getenv()));
        Throwable fromFile = catchThrowable(() -> ShardkitConfig.fromYaml(path));

        assertThat(fromText).isInstanceOf(ConfigurationException.class).hasMessage(expected);
        // Read from the file, the message names the file instead of <yaml>; relative password files
        // start at its folder, which changes nothing here (the corpus gives only absolute ones).
        assertThat(fromFile)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(expected.replace("(<yaml>)", "(" + path + ")"));
        ConfigurationException e = (ConfigurationException) fromText;
        assertThat(e.problems())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.line()).isPositive());
        List<String> seen =
                new ArrayList<>(List.of(SecretChecks.everything(fromText), SecretChecks.everything(fromFile)));
        e.problems().forEach(p -> seen.add(p.toString()));
        SecretChecks.assertNowhere(secret, "what reading " + file + " threw", seen);
        SecretChecks.assertNowhere(secret, "the log of reading " + file, logs.lines());
    }

    @Test
    void goodFile_readsThePasswordFromTheEnvironment_andShowsItNowhere() {
        String secret = SecretChecks.secret();
        String yaml = String.join(
                "\n",
                "shards:",
                "  - id: 0",
                "    name: social_0",
                "    primary:",
                "      url: jdbc:postgresql://db0:5432/social",
                "      user: app",
                "      password: ${" + SecretChecks.VARIABLE + "}",
                "    replicas:",
                "      - url: jdbc:postgresql://db0-r:5432/social",
                "        user: app",
                "        password: ${" + SecretChecks.VARIABLE + "}",
                "idgen:",
                "  workerId:",
                "    source: redis",
                "    redis: redis://cache0:6379/0",
                "    redisPassword: ${" + SecretChecks.VARIABLE + "}",
                "");

        ShardkitConfig config = ShardkitConfig.fromYaml(yaml, System.getenv());

        assertThat(config.shard(0).primary().password().reveal()).isEqualTo(secret);
        assertThat(config.idgen().redisPassword().reveal()).isEqualTo(secret);
        ShardConfig shard = config.shard(0);
        SecretChecks.assertNowhere(
                secret,
                "a toString",
                List.of(
                        config.toString(),
                        shard.toString(),
                        shard.primary().toString(),
                        shard.replicas().toString(),
                        shard.primary().password().toString(),
                        config.idgen().toString()));
        SecretChecks.assertNowhere(secret, "the log of reading a good file", logs.lines());
    }

    @Test
    void secretVariable_misplacedUnderAnotherKey_isShownByItsNameOnly() {
        String secret = SecretChecks.secret();
        // Part of a URL: the port check refuses it, and the message shows the URL as the file wrote it.
        String yaml = "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://h:${"
                + SecretChecks.VARIABLE + "}/d\n      user: u\n";

        assertThatThrownBy(() -> ShardkitConfig.fromYaml(yaml, System.getenv()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("shards[0].primary.url: must name ports between 1 and 65535, but was"
                        + " 'jdbc:postgresql://h:${" + SecretChecks.VARIABLE + "}/d' (line 5)")
                .satisfies(t -> SecretChecks.assertNowhere(secret, "the message", List.of(SecretChecks.everything(t))));
    }
}
