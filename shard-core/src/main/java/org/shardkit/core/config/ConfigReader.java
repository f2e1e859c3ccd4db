package org.shardkit.core.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link ShardkitConfig} from YAML: each section is bound to its builder, so every bound
 * lives in the builders and the YAML adds only its path and line. Substitutes {@code ${VAR}} /
 * {@code ${VAR:-default}}, rejects unknown keys, and collects every problem before failing once.
 * One instance per read; not thread-safe.
 */
final class ConfigReader {
    /** Reads the password of an endpoint-like section: {@code password: ${VAR}} or {@code passwordFile}. */
    @FunctionalInterface
    interface Passwords {
        /** Returns the password, the empty secret when none is given, or null when it has a problem. */
        @Nullable
        Secret of(YamlSection section);
    }

    private final String source;
    private final @Nullable Path baseDirectory;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final YamlSection.Context context;

    private ConfigReader(String source, Map<String, String> environment, @Nullable Path baseDirectory) {
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.context = new YamlSection.Context(environment, problems);
    }

    /**
     * Reads a configuration.
     *
     * @param source a name for messages (a file name)
     * @param yaml the YAML text
     * @param environment what {@code ${VAR}} refers to
     * @param baseDirectory where relative {@code passwordFile} paths start; null for the working
     *     directory
     * @return the configuration
     * @throws ConfigurationException listing every problem
     */
    static ShardkitConfig read(
            String source, String yaml, Map<String, String> environment, @Nullable Path baseDirectory) {
        return new ConfigReader(source, environment, baseDirectory).read(yaml);
    }

    private ShardkitConfig read(String yaml) {
        YamlNode root;
        try {
            root = YamlNode.parse(yaml);
        } catch (YamlNode.SyntaxException e) {
            throw new ConfigurationException(
                    source, List.of(new ConfigProblem(e.path, String.valueOf(e.getMessage()), e.line)));
        }
        if (root == null || root.kind != YamlNode.Kind.MAP) {
            context.problem(
                    "(root)",
                    "must be a mapping with a 'shards' list, but was " + (root == null ? "empty" : root.describe()),
                    root == null ? 1 : root.line);
            throw new ConfigurationException(source, problems);
        }
        YamlSection top = new YamlSection(root, "", context);
        ShardkitConfig.Builder config = ShardkitConfig.builder();
        PoolConfig poolDefaults = pool(top.child("pool"), PoolConfig.defaults());
        shards(top, poolDefaults, config);
        section(top.child("topology"), ConfigReader::topology, config::topology);
        section(top.child("idgen"), this::idgen, config::idgen);
        section(top.child("metrics"), ConfigReader::metrics, config::metrics);
        section(top.child("limits"), ConfigReader::limits, config::limits);
        section(top.child("breaker"), ConfigReader::breaker, config::breaker);
        section(top.child("twoPhase"), TwoPhaseSectionReader::read, config::twoPhase);
        top.bindText("startup", text -> {
            try {
                config.startup(StartupMode.valueOf(text.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("startup", "must be eager or lazy", "'" + text + "'");
            }
        });
        top.bindDuration("replicaRetryAfter", config::replicaRetryAfter);
        YamlSection cache = top.child("cache");
        if (cache != null) {
            if (classPresent(CacheSectionReader.CACHE_CLASS)) {
                CacheSectionReader.readInto(cache, this::password, config);
            } else {
                top.problem(
                        "cache",
                        "needs org.shardkit:shard-cache on the class path (" + CacheSectionReader.CACHE_CLASS
                                + " not found); add it, or remove the section");
            }
        }
        top.finish();
        if (!problems.isEmpty()) {
            throw new ConfigurationException(source, problems);
        }
        ShardkitConfig built = top.build(config::build);
        if (built == null) {
            throw new ConfigurationException(source, problems);
        }
        return built;
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, ConfigReader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Binds an optional section and hands what it built to the configuration builder. */
    private static <T> void section(
            @Nullable YamlSection s,
            java.util.function.Function<YamlSection, @Nullable T> reader,
            java.util.function.Consumer<T> setter) {
        if (s == null) {
            return;
        }
        T value = reader.apply(s);
        if (value != null) {
            setter.accept(value);
        }
    }

    private void shards(YamlSection top, PoolConfig poolDefaults, ShardkitConfig.Builder config) {
        YamlNode list = top.raw("shards");
        if (list == null) {
            top.problem("shards", "missing");
            return;
        }
        if (list.kind != YamlNode.Kind.LIST || list.list.isEmpty()) {
            context.problem("shards", "must be a non-empty list, but was " + list.describe(), list.line);
            return;
        }
        Map<Integer, String> idOwners = new HashMap<>();
        Map<String, String> nameOwners = new HashMap<>();
        for (int i = 0; i < list.list.size(); i++) {
            String path = "shards[" + i + "]";
            YamlNode node = list.list.get(i);
            if (node.kind != YamlNode.Kind.MAP) {
                context.problem(path, "must be a mapping, but was " + node.describe(), node.line);
                continue;
            }
            YamlSection s = new YamlSection(node, path, context);
            ShardConfig shard = shard(s, poolDefaults, idOwners, nameOwners);
            if (shard != null) {
                config.shard(shard);
            }
        }
    }

    private @Nullable ShardConfig shard(
            YamlSection s, PoolConfig poolDefaults, Map<Integer, String> idOwners, Map<String, String> nameOwners) {
        // The bounds of id, name and weight live in ShardConfig and ReplicaConfig; here they are only used.
        long[] id = {Long.MIN_VALUE};
        s.bindLong("id", v -> id[0] = ShardConfig.checkId(v));
        if (!s.node.map.containsKey("id")) {
            s.problem("id", "missing");
        } else if (id[0] != Long.MIN_VALUE) {
            String owner = idOwners.putIfAbsent((int) id[0], s.path);
            if (owner != null) {
                s.problem("id", "duplicate id " + id[0] + " (also " + owner + ")");
            }
        }
        String[] checkedName = {null};
        s.bindText("name", v -> checkedName[0] = ShardConfig.checkName(v));
        String name = checkedName[0];
        if (name == null && !s.node.map.containsKey("name")) {
            s.problem("name", "missing");
        } else if (name != null) {
            String owner = nameOwners.putIfAbsent(name, s.path);
            if (owner != null) {
                s.problem("name", "duplicate name '" + name + "' (also " + owner + ")");
            }
        }
        EndpointConfig primary = null;
        YamlSection primaryNode = s.child("primary");
        YamlNode primaryValue = s.node.map.get("primary");
        if (primaryValue == null) {
            s.problem("primary", "missing");
        } else if (primaryValue.kind == YamlNode.Kind.NULL) {
            s.problem("primary", "must be a mapping with url and user, but was empty");
        } else if (primaryNode != null) {
            primary = endpoint(primaryNode);
            primaryNode.finish();
        }
        List<ReplicaConfig> replicas = replicas(s);
        PoolConfig pool = pool(s.child("pool"), poolDefaults);
        s.finish();
        if (id[0] == Long.MIN_VALUE || name == null || primary == null || replicas == null) {
            return null;
        }
        String shardName = name;
        EndpointConfig shardPrimary = primary;
        return s.build(() -> {
            ShardConfig.Builder b =
                    ShardConfig.builder((int) id[0], shardName, shardPrimary).pool(pool);
            replicas.forEach(b::replica);
            return b.build();
        });
    }

    private @Nullable List<ReplicaConfig> replicas(YamlSection shard) {
        YamlNode list = shard.raw("replicas");
        List<ReplicaConfig> replicas = new ArrayList<>();
        if (list == null || list.kind == YamlNode.Kind.NULL) {
            return replicas;
        }
        if (list.kind != YamlNode.Kind.LIST) {
            shard.problem("replicas", "must be a list, but was " + list.describe());
            return null;
        }
        boolean ok = true;
        for (int r = 0; r < list.list.size(); r++) {
            String path = shard.pathOf("replicas") + "[" + r + "]";
            YamlNode node = list.list.get(r);
            if (node.kind != YamlNode.Kind.MAP) {
                context.problem(path, "must be a mapping, but was " + node.describe(), node.line);
                ok = false;
                continue;
            }
            YamlSection s = new YamlSection(node, path, context);
            EndpointConfig endpoint = endpoint(s);
            long[] weight = {ReplicaConfig.DEFAULT_WEIGHT};
            s.bindLong("weight", v -> weight[0] = ReplicaConfig.checkWeight(v));
            s.finish();
            if (endpoint == null) {
                ok = false;
                continue;
            }
            ReplicaConfig replica = s.build(() -> new ReplicaConfig(endpoint, (int) weight[0]));
            if (replica == null) {
                ok = false;
            } else {
                replicas.add(replica);
            }
        }
        return ok ? replicas : null;
    }

    private @Nullable EndpointConfig endpoint(YamlSection s) {
        String url = s.text("url");
        if (url == null && !s.node.map.containsKey("url")) {
            s.problem("url", "missing");
        }
        String user = s.text("user");
        if (user == null && !s.node.map.containsKey("user")) {
            s.problem("user", "missing");
        }
        Secret password = password(s);
        if (url == null || user == null || password == null) {
            return null;
        }
        String u = url;
        return s.build(() -> new EndpointConfig(u, user, password));
    }

    /**
     * A password comes only from the environment ({@code ${VAR}}) or a file; a literal in the file is
     * refused, and so is a variable that is unset or empty (leave the key out for no password).
     */
    private @Nullable Secret password(YamlSection s) {
        return secret(s, "password", "passwordFile");
    }

    /**
     * Reads a secret from {@code key: ${VAR}} or, where {@code fileKey} is not null, a file; the empty
     * secret when neither is given, null (with a problem) when it is bad. Never echoes a value.
     */
    private @Nullable Secret secret(YamlSection s, String key, @Nullable String fileKey) {
        YamlNode literal = s.raw(key);
        YamlNode file = fileKey == null ? null : s.raw(fileKey);
        String fromFile = fileKey == null ? "" : " or " + fileKey;
        if (literal != null && file != null) {
            s.problem(key, "give " + key + fromFile + ", not both");
            return null;
        }
        if (literal != null) {
            if (literal.kind != YamlNode.Kind.SCALAR || literal.text == null) {
                s.problem(
                        key,
                        "must be ${VAR}, but was "
                                + (literal.kind == YamlNode.Kind.SCALAR ? "a value" : literal.describe()));
                return null;
            }
            String defaulted = YamlSection.variableWithDefault(literal.text);
            if (defaulted != null) {
                s.problem(
                        key,
                        "must not carry a default (${" + defaulted + ":-...} puts a literal password in the file);"
                                + " use ${" + defaulted + "}" + fromFile);
                return null;
            }
            String variable = YamlSection.soleVariable(literal.text);
            if (variable == null) {
                // Never echo the value: it may be a real password.
                s.problem(key, "must come from the environment (${VAR})" + fromFile + ", not a literal value");
                return null;
            }
            String value = s.environment(variable);
            if (value == null || value.isEmpty()) {
                s.problem(
                        key,
                        "environment variable " + variable + " is " + (value == null ? "not set" : "empty")
                                + "; set it" + (fileKey == null ? "" : ", or use " + fileKey) + " (leave " + key
                                + " out for no password)");
                return null;
            }
            return Secret.of(value);
        }
        if (file != null && fileKey != null) {
            String fileName = s.text(fileKey);
            if (fileName == null) {
                return null;
            }
            Path p = baseDirectory == null ? Path.of(fileName) : baseDirectory.resolve(fileName);
            try {
                String value = Files.readString(p, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    s.problem(fileKey, p + " is empty (leave " + fileKey + " out for no password)");
                    return null;
                }
                return Secret.of(value);
            } catch (IOException e) {
                s.problem(fileKey, "cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        return Secret.empty();
    }

    private static PoolConfig pool(@Nullable YamlSection s, PoolConfig base) {
        if (s == null) {
            return base;
        }
        PoolConfig.Builder b = base.toBuilder();
        s.bindLong("maximumSize", b::maximumSize);
        s.bindLong("minimumIdle", b::minimumIdle);
        s.bindDuration("connectionTimeout", b::connectionTimeout);
        s.bindDuration("maxLifetime", b::maxLifetime);
        s.bindDuration("idleTimeout", b::idleTimeout);
        s.bindDuration("leakDetectionThreshold", b::leakDetectionThreshold);
        s.bindDuration("connectTimeout", b::connectTimeout);
        s.bindDuration("statementTimeout", b::statementTimeout);
        s.bindText("timeZone", b::timeZone);
        s.bindText("applicationName", b::applicationName);
        s.finish();
        PoolConfig built = s.build(b::build);
        return built == null ? base : built;
    }

    private static @Nullable TopologyConfig topology(YamlSection s) {
        TopologyConfig.Builder b = TopologyConfig.builder();
        s.bindText("strategy", b::strategy);
        s.bindLong("bucketCount", b::bucketCount);
        s.bindLong("virtualNodes", b::virtualNodes);
        s.finish();
        return s.build(b::build);
    }

    private @Nullable IdGenConfig idgen(YamlSection s) {
        IdGenConfig.Builder b = IdGenConfig.builder();
        s.bindText("epoch", text -> {
            try {
                b.epoch(Instant.parse(text.strip()));
            } catch (DateTimeParseException e) {
                throw new InvalidSettingException(
                        "epoch", "must be an ISO-8601 instant like 2025-01-01T00:00:00Z", "'" + text + "'");
            }
        });
        YamlSection worker = s.child("workerId");
        if (worker != null) {
            worker.bindText("source", b::source);
            worker.bindLong("id", b::workerId);
            worker.bindText("table", b::table);
            worker.bindText("keyPrefix", b::keyPrefix);
            worker.bindText("redis", text -> {
                try {
                    b.redis(new URI(text.strip()));
                } catch (URISyntaxException e) {
                    // A URI that does not parse is not echoed if it may hold a password.
                    throw new InvalidSettingException(
                            "redis",
                            "must be redis://host:port[/database]",
                            text.contains("@") ? "a URI with user information" : "'" + text + "'");
                }
            });
            Secret password = secret(worker, "redisPassword", "redisPasswordFile");
            if (password != null && !password.isEmpty()) {
                b.redisPassword(password);
            }
            worker.finish();
        }
        s.finish();
        YamlSection at = worker != null ? worker : s;
        IdGenConfig built = at.build(b::build);
        return built;
    }

    private static @Nullable MetricsConfig metrics(YamlSection s) {
        MetricsConfig.Builder b = MetricsConfig.builder();
        s.bindDuration("slowQueryThreshold", b::slowQueryThreshold);
        s.bindBoolean("logBindValues", b::logBindValues);
        s.finish();
        return s.build(b::build);
    }

    private static @Nullable LimitsConfig limits(YamlSection s) {
        LimitsConfig.Builder b = LimitsConfig.builder();
        s.bindLong("maxConcurrentPerShard", b::maxConcurrentPerShard);
        s.bindLong("maxConcurrent", b::maxConcurrent);
        s.finish();
        return s.build(b::build);
    }

    private static @Nullable BreakerConfig breaker(YamlSection s) {
        BreakerConfig.Builder b = BreakerConfig.builder();
        s.bindLong("failureRateThreshold", b::failureRateThreshold);
        s.bindLong("slidingWindowSize", b::slidingWindowSize);
        s.bindLong("minimumCalls", b::minimumCalls);
        s.bindDuration("openDuration", b::openDuration);
        s.finish();
        return s.build(b::build);
    }
}
