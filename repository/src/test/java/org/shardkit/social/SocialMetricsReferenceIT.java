package org.shardkit.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.MetricsReference;
import org.shardkit.testing.ShardServersExtension;

/** Keeps the repository's section of {@code docs/metrics.md} true: its {@code shardkit.social.*} meters, exactly. */
class SocialMetricsReferenceIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @Test
    void registeredSocialMeters_areExactlyTheDocumentedOnes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ShardedDatabase db = SocialTestbed.open(SocialTestbed.config(servers, b -> b));
                SocialRepository social =
                        SocialRepository.builder(db).meterRegistry(registry).build()) {
            Agent a = SocialTestbed.agent(social, "Metered");
            social.feed(a.id(), 10, null);
            social.compatibleAgents(a.id(), 10);
            assertThat(MetricsReference.registered(registry, name -> name.startsWith("shardkit.social.")))
                    .isEqualTo(MetricsReference.documented(Path.of("..", "docs", "metrics.md"), "repository"));
        }
    }
}
