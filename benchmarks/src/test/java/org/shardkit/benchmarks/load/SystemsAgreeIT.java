package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the same seeded graph, every system answers the same feed and friend list for the same agent. */
class SystemsAgreeIT {
    @TempDir
    Path dir;

    @Test
    void everySystem_returnsTheSameFeedAndFriendList_forTheSameAgent() throws Exception {
        LoadOptions options = OptionsParser.parse(
                "--agents", "300", "--interactions", "3000", "--shards", "2", "--out", dir.toString());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (LoadServers servers = LoadServers.start(options.data(), options.shards());
                LoadEnvironment environment = new LoadEnvironment(options, servers, dir.resolve("journal"))) {
            AgentGraph graph = environment.prepare(false, quiet).graph();
            Map<SystemKind, LoadSystem> systems = new EnumMap<>(SystemKind.class);
            try {
                for (SystemKind kind : SystemKind.values()) {
                    systems.put(kind, environment.open(kind));
                }
                int nonEmptyFeeds = 0;
                for (int i = 0; i < graph.agentCount(); i += 10) {
                    long agent = graph.agentAt(i);
                    List<Long> feed = systems.get(SystemKind.SHARDKIT).feed(agent, 20);
                    List<Long> friends = systems.get(SystemKind.SHARDKIT).friendList(agent, 50);
                    int count = systems.get(SystemKind.SHARDKIT).friendCount(agent);
                    nonEmptyFeeds += feed.isEmpty() ? 0 : 1;
                    for (SystemKind kind : SystemKind.values()) {
                        LoadSystem s = systems.get(kind);
                        assertThat(s.feed(agent, 20))
                                .as("%s feed of %d", kind, agent)
                                .isEqualTo(feed);
                        assertThat(s.friendList(agent, 50))
                                .as("%s friends of %d", kind, agent)
                                .isEqualTo(friends);
                        assertThat(s.friendCount(agent))
                                .as("%s friend count of %d", kind, agent)
                                .isEqualTo(count);
                    }
                }
                assertThat(nonEmptyFeeds).as("agents with a non-empty feed").isGreaterThan(5);
            } finally {
                for (LoadSystem s : systems.values()) {
                    s.close();
                }
            }
        }
    }
}
