package org.shardkit.idgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads on one generator with the real clock. */
class IdGeneratorConcurrencyTest {
    private static final int THREADS = 8;
    private static final int IDS_PER_THREAD = 1_000_000;

    @Test
    void nextId_8ThreadsMillionEach_uniqueAndIncreasingPerThread() throws Exception {
        IdGenerator generator = IdGenerator.builder().workerId(17).build();
        // One primitive array, a slice per thread: no boxing of 8M Longs.
        long[] ids = new long[THREADS * IDS_PER_THREAD];
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int from = t * IDS_PER_THREAD;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = from; i < from + IDS_PER_THREAD; i++) {
                        ids[i] = generator.nextId();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (int t = 0; t < THREADS; t++) {
            int from = t * IDS_PER_THREAD;
            for (int i = from + 1; i < from + IDS_PER_THREAD; i++) {
                if (ids[i] <= ids[i - 1]) {
                    throw new AssertionError("thread " + t + ": id " + ids[i] + " at " + (i - from)
                            + " is not greater than " + ids[i - 1]);
                }
            }
        }
        Arrays.sort(ids);
        int duplicates = 0;
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == ids[i - 1]) {
                duplicates++;
            }
        }
        assertThat(duplicates).as("duplicate IDs among %d", ids.length).isZero();
        assertThat(ids[0]).isPositive();
        assertThat(generator.decode(ids[0]).workerId()).isEqualTo(17);
    }
}
