package org.shardkit.testing.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Destroys, at JVM exit, the standbys nobody destroyed: their servers run with zonky's own shutdown
 * hook off (it would stop them but leave their copied data directories), and unlike the shards
 * they belong to no cluster that is closed at exit. Thread-safe.
 */
final class StandbyReaper {
    private static final Set<EmbeddedPostgresServer> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private StandbyReaper() {}

    /** Destroys the standby at JVM exit unless it is {@linkplain #unregister unregistered} first. */
    static synchronized void register(EmbeddedPostgresServer standby) {
        LIVE.add(standby);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(StandbyReaper::destroyAll, "shardkit-test-standbys-stop"));
        }
    }

    /** Forgets a server (destroyed by its owner); one never registered is fine. */
    static synchronized void unregister(EmbeddedPostgresServer server) {
        LIVE.remove(server);
    }

    private static void destroyAll() {
        List<EmbeddedPostgresServer> all;
        synchronized (StandbyReaper.class) {
            all = new ArrayList<>(LIVE);
            LIVE.clear();
        }
        all.forEach(EmbeddedPostgresServer::destroy);
    }
}
