package org.shardkit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the code of a page of {@code docs/} compiling against the real API: every {@code ```java}
 * block of the page must be, line for line (indentation aside), a region of the test class that
 * checks the page, and every region must be on the page. A region is the lines between {@code //
 * snippet: <name>} and {@code // end snippet}; the test compiles and runs them, so a renamed method
 * fails the build twice over: the test does not compile, and after it is mended the page no longer
 * matches.
 *
 * <p>The doc tests live in this package of shard-core's tests, outside {@code org.shardkit.core},
 * so the snippets can use only public API. Stateless.
 */
public final class DocSnippets {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path TEST_SOURCES = Path.of("src", "test", "java");
    private static final String START = "// snippet: ";
    private static final String END = "// end snippet";

    private DocSnippets() {}

    /**
     * Asserts that the {@code ```java} blocks of a page are exactly the snippet regions of a test
     * class, in any order.
     *
     * @param page the page's file name in {@code docs/}, e.g. {@code scatter.md}
     * @param test the test class that holds the regions
     */
    static void assertPageMatches(String page, Class<?> test) {
        List<String> blocks = blocks(page, "java");
        Map<String, String> regions = regions(test);
        assertThat(blocks).as("java blocks of docs/%s", page).isNotEmpty();
        assertThat(blocks)
                .as("the java blocks of docs/%s, against the snippet regions of %s", page, test.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(regions.values());
    }

    /**
     * Returns the code blocks of one language on a page, each without its common indentation.
     *
     * @param page the page's file name in {@code docs/}
     * @param language the block's language, e.g. {@code java} or {@code yaml}
     * @return the blocks, in page order
     */
    public static List<String> blocks(String page, String language) {
        List<String> out = new ArrayList<>();
        List<String> block = null;
        for (String line : read(DOCS.resolve(page))) {
            String fence = line.strip();
            if (block == null) {
                if (fence.equals("```" + language)) {
                    block = new ArrayList<>();
                }
            } else if (fence.equals("```")) {
                out.add(normalize(block));
                block = null;
            } else {
                block.add(line);
            }
        }
        assertThat(block).as("an unclosed block in docs/%s", page).isNull();
        return out;
    }

    /**
     * Returns a YAML section of a page as a whole configuration: after a {@code shards} section of one
     * shard that is never connected to.
     *
     * @param yaml top-level sections, e.g. {@code idgen:} or {@code cache:}
     * @return the configuration's text
     */
    static String withOneShard(String yaml) {
        return "shards:\n  - id: 0\n    name: s0\n    primary:\n      url: jdbc:postgresql://127.0.0.1:1/none\n"
                + "      user: u\n" + yaml;
    }

    /** Returns the snippet regions of a test class's source, by name, in source order. */
    private static Map<String, String> regions(Class<?> test) {
        Path source = TEST_SOURCES.resolve(test.getName().replace('.', '/') + ".java");
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        List<String> region = new ArrayList<>();
        for (String line : read(source)) {
            String stripped = line.strip();
            if (stripped.startsWith(START)) {
                assertThat(name)
                        .as("snippet %s opened inside %s", stripped, name)
                        .isNull();
                name = stripped.substring(START.length());
                region = new ArrayList<>();
            } else if (stripped.equals(END)) {
                assertThat(name).as("'%s' without a snippet in %s", END, source).isNotNull();
                assertThat(out.put(name, normalize(region)))
                        .as("snippet %s twice", name)
                        .isNull();
                name = null;
            } else if (name != null) {
                region.add(line);
            }
        }
        assertThat(name).as("snippet %s not ended in %s", name, source).isNull();
        return out;
    }

    /** Removes the lines' common indentation, trailing blanks and blank lines at either end. */
    private static String normalize(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
