package org.shardkit.social;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.testing.ChildJvm;

/**
 * The child process of {@link InteractionCrashIT}: opens the repository over the shards and the
 * journal a properties file names (which replays what an earlier, killed child left), then either
 * records interactions between the given pairs as fast as the queue takes them (one in four
 * acknowledged COMMITTED, the rest JOURNALED), appending each acknowledged id to the ack file as it
 * is acknowledged, until it is killed; or ({@code mode=drain})
 * closes at once, draining, and exits 0 when nothing was left.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) throws Exception {
        Properties p = ChildJvm.handedOver(args);
        List<EndpointConfig> endpoints = SocialTestbed.endpoints(p);
        int workerId = Integer.parseInt(p.getProperty("workerId"));
        try (ShardedDatabase db = ShardedDatabase.create(SocialTestbed.config(endpoints, workerId, b -> b));
                SocialRepository social = SocialRepository.builder(db)
                        .writeJournal(JournalSettings.builder(Path.of(p.getProperty("journal")))
                                .build())
                        .build()) {
            System.out.println("replayed " + social.writeReplay());
            if (p.getProperty("mode").equals("drain")) {
                QueueDrain drained = social.close(Duration.ofSeconds(60));
                System.out.println("drained " + drained);
                System.exit(drained.complete() ? 0 : 3);
            }
            if (p.getProperty("mode").equals("check")) {
                // After a clean drain, nothing is left to replay: the journal trimmed as writes committed.
                int left = social.writeReplay().replayed();
                System.out.println("left in the journal " + left);
                System.exit(left == 0 ? 0 : 4);
            }
            write(social, p);
        }
    }

    private static void write(SocialRepository social, Properties p) throws IOException {
        List<long[]> pairs = new ArrayList<>();
        for (String pair : p.getProperty("pairs").split(",")) {
            String[] ab = pair.split(":");
            pairs.add(new long[] {Long.parseLong(ab[0]), Long.parseLong(ab[1])});
        }
        SplittableRandom random = new SplittableRandom(Long.parseLong(p.getProperty("seed")));
        try (OutputStream acks = new FileOutputStream(p.getProperty("acks"), true)) {
            for (long i = 0; ; i++) {
                long[] pair = pairs.get(random.nextInt(pairs.size()));
                boolean forth = random.nextBoolean();
                social.recordInteraction(
                                forth ? pair[0] : pair[1],
                                forth ? pair[1] : pair[0],
                                InteractionType.MESSAGE,
                                "crash test " + i,
                                i % 4 == 3 ? Ack.COMMITTED : Ack.JOURNALED)
                        .thenAccept(it -> ack(acks, it.id()));
            }
        }
    }

    /** Appends an acknowledged id as one line; a kill may cut the last line, which the test ignores. */
    private static void ack(OutputStream acks, long id) {
        synchronized (acks) {
            try {
                acks.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
