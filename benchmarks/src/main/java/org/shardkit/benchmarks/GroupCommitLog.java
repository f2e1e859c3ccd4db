package org.shardkit.benchmarks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit in front of an embedded store, as {@link org.shardkit.core.journal.Journal} does it
 * for its files: one writer thread takes every record queued while it was busy (up to {@value
 * #MAX_GROUP} of them, the journal's default), commits them as one durable transaction of the
 * store, and only then completes their futures. Records marked done are deleted in the next
 * group's transaction, the cheapest way the store offers. The handle is the record's sequence.
 */
final class GroupCommitLog implements DurableLog<Long> {
    static final int MAX_GROUP = 4096;

    /** One store: commits a group, durably, in one transaction. */
    interface Sink extends AutoCloseable {
        /**
         * Inserts the records (sequences {@code first}, {@code first + 1}, ...) and deletes the done
         * ones, in one transaction, and returns once it is forced to disk.
         */
        void commit(long first, List<byte[]> payloads, List<Long> done) throws Exception;
    }

    private record Pending(byte[] payload, CompletableFuture<Long> future) {}

    private final Sink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Long> done = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private boolean closed;
    private long nextSequence = 1;
    private volatile long records;
    private volatile long groups;

    GroupCommitLog(String name, Sink sink) {
        this.sink = sink;
        this.writer = new Thread(this::run, "group-commit-" + name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Long> append(byte[] payload) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            queue.addLast(new Pending(payload.clone(), future));
            if (queue.size() == 1) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        return future;
    }

    @Override
    public void done(Long sequence) {
        done.add(sequence);
    }

    private void run() {
        while (true) {
            List<Pending> group = new ArrayList<>();
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    notEmpty.awaitUninterruptibly();
                }
                while (group.size() < MAX_GROUP && !queue.isEmpty()) {
                    group.add(queue.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            if (group.isEmpty()) {
                return;
            }
            List<Long> deletes = new ArrayList<>();
            for (Long d; (d = done.poll()) != null; ) {
                deletes.add(d);
            }
            long first = nextSequence;
            nextSequence += group.size();
            try {
                sink.commit(first, group.stream().map(Pending::payload).toList(), deletes);
            } catch (Exception e) {
                group.forEach(p -> p.future().completeExceptionally(e));
                continue;
            }
            records += group.size();
            groups++;
            for (int i = 0; i < group.size(); i++) {
                group.get(i).future().complete(first + i);
            }
        }
    }

    /** Returns the records committed so far. */
    long records() {
        return records;
    }

    /** Returns the groups (transactions) committed so far. */
    long groups() {
        return groups;
    }

    @Override
    public void close() throws Exception {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        writer.join();
        sink.close();
    }
}
