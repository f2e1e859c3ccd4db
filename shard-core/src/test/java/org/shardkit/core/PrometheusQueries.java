package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shardkit.core.docs.DocSnippets;

/**
 * The PromQL our docs ship: the queries of the Grafana dashboard ({@code
 * docs/grafana/shardkit-dashboard.json}, its panels' targets and its templating variables) and of the
 * alerting rules of {@code docs/operations.md}, and the metric names they use.
 *
 * @param source where the queries come from, for messages
 * @param queries every query, in file order
 */
record PrometheusQueries(String source, List<String> queries) {
    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "shardkit-dashboard.json");

    /** A metric of ours: shardkit's own, HikariCP's, or Caffeine's through Micrometer. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:shardkit|hikaricp|cache)_[A-Za-z0-9_]+");

    /** Reads the dashboard; fails the test if it is not the JSON of a dashboard with queries. */
    static PrometheusQueries dashboard() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        collectPanels(root.path("panels"), queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            if ("query".equals(variable.path("type").asText())) {
                queries.add(text);
            }
        }
        return new PrometheusQueries(DASHBOARD.toString(), queries);
    }

    private static void collectPanels(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            collectPanels(panel.path("panels"), queries); // a row's panels
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
    }

    /** Reads the {@code expr} of every rule of the Prometheus rule file in docs/operations.md. */
    static PrometheusQueries alertRules() throws IOException {
        List<String> blocks = DocSnippets.blocks("operations.md", "yaml");
        assertThat(blocks).as("rule files in docs/operations.md").hasSize(1);
        List<String> queries = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(blocks.get(0)).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.add(rule.path("expr").asText());
            }
        }
        return new PrometheusQueries("docs/operations.md", queries);
    }

    /** Returns every metric name the queries use; each query must be non-blank and use one at least. */
    Set<String> metricNames() {
        assertThat(queries).as("queries of %s", source).isNotEmpty();
        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            Matcher m = METRIC.matcher(query);
            boolean any = false;
            while (m.find()) {
                names.add(m.group());
                any = true;
            }
            assertThat(any)
                    .as("a query of %s uses a metric of ours: '%s'", source, query)
                    .isTrue();
        }
        return names;
    }

    /** Returns the names of the series in a Prometheus text exposition. */
    static Set<String> seriesNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        assertThat(names).as("series of the scrape").isNotEmpty();
        return names;
    }
}
