package org.shardkit.benchmarks;

import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's MVStore as a journal: one map from sequence to payload, background auto-commit off, and per
 * group {@link MVStore#commit()} followed by {@link MVStore#sync()}. The sync is what makes it
 * durable: {@code commit()} writes the new chunk to the file but does not force it (H2 2.4's
 * {@code MVStore.commit} stores through {@code FileStore} without a force; {@code sync()} calls
 * {@code FileChannel.force(true)}), and the store's own background writer would commit only every
 * second.
 */
final class MvStoreSink implements GroupCommitLog.Sink {
    private final MVStore store;
    private final MVMap<Long, byte[]> map;

    MvStoreSink(Path file) {
        store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .open();
        map = store.openMap("journal");
    }

    @Override
    public void commit(long first, List<byte[]> payloads, List<Long> done) {
        for (int i = 0; i < payloads.size(); i++) {
            map.put(first + i, payloads.get(i));
        }
        for (Long seq : done) {
            map.remove(seq);
        }
        store.commit();
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }
}
