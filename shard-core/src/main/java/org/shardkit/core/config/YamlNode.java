package org.shardkit.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML value with the line it started on: Jackson's tree model drops locations, and every
 * configuration problem must name its line. Immutable once built.
 */
final class YamlNode {
    enum Kind {
        MAP,
        LIST,
        SCALAR,
        NULL
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    final Kind kind;
    final int line;
    final Map<String, YamlNode> map;
    final Map<String, Integer> keyLines;
    final List<YamlNode> list;
    final @Nullable String text;

    private YamlNode(
            Kind kind,
            int line,
            Map<String, YamlNode> map,
            Map<String, Integer> keyLines,
            List<YamlNode> list,
            @Nullable String text) {
        this.kind = kind;
        this.line = line;
        this.map = map;
        this.keyLines = keyLines;
        this.list = list;
        this.text = text;
    }

    /** Thrown for YAML that does not parse, or repeats a key. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final String path;
        final int line;

        SyntaxException(String path, String message, int line) {
            super(message);
            this.path = path;
            this.line = line;
        }
    }

    static @Nullable YamlNode parse(String yaml) throws SyntaxException {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            return read(parser, token, "");
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            throw new SyntaxException(
                    "(yaml)",
                    "not valid YAML: " + (message == null ? e.getClass().getSimpleName() : message.strip()),
                    lineOf(e));
        } catch (IOException e) {
            throw new SyntaxException("(yaml)", "not readable: " + e.getMessage(), 0);
        }
    }

    /**
     * The line the parser names: SnakeYAML's mark (0-based, so + 1), which Jackson's own location
     * reports one line early.
     */
    private static int lineOf(JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return m.getProblemMark().getLine() + 1;
            }
        }
        JsonLocation at = e.getLocation();
        return at == null ? 0 : at.getLineNr();
    }

    private static YamlNode read(JsonParser parser, JsonToken token, String path) throws IOException, SyntaxException {
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (map.containsKey(key)) {
                        throw new SyntaxException(childPath, "duplicate key", keyLine);
                    }
                    YamlNode value = read(parser, parser.nextToken(), childPath);
                    map.put(key, value);
                    keyLines.put(key, keyLine);
                }
                return new YamlNode(Kind.MAP, line, map, keyLines, List.of(), null);
            }
            case START_ARRAY: {
                List<YamlNode> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(parser, next, path + "[" + list.size() + "]"));
                }
                return new YamlNode(Kind.LIST, line, Map.of(), Map.of(), Collections.unmodifiableList(list), null);
            }
            case VALUE_NULL:
                return new YamlNode(Kind.NULL, line, Map.of(), Map.of(), List.of(), null);
            default:
                return new YamlNode(Kind.SCALAR, line, Map.of(), Map.of(), List.of(), parser.getText());
        }
    }

    String describe() {
        switch (kind) {
            case MAP:
                return "a mapping";
            case LIST:
                return list.isEmpty() ? "an empty list" : "a list";
            case NULL:
                return "empty";
            default:
                return "'" + text + "'";
        }
    }
}
