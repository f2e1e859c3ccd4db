package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A durable local journal: records appended here are on disk, forced, before their future
 * completes, and are found again by the next {@link #open} until they are marked {@link #done}. It
 * is meant for writes acknowledged before they reach the database: journal the write, acknowledge
 * it, apply it, mark it done; after a crash, apply {@link #recovery()}'s records again.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(JournalSettings.builder(dir).build())) {
 *     for (JournalRecord r : journal.recovery().records()) {
 *         apply(r.payload());
 *         journal.done(r);
 *     }
 *     JournalRecord r = journal.append(bytes, Duration.ofSeconds(1)).join(); // durable now
 *     apply(bytes);
 *     journal.done(r);
 * }
 * }</pre>
 *
 * <h2>Writing</h2>
 * One writer thread (a daemon named {@code shardkit-journal-<directory name>}) takes every record
 * queued while it was busy, writes them with one channel write and one {@code force(false)} (group
 * commit), then completes their futures, in sequence order. Dependent actions attached with the
 * non-async methods of {@link CompletableFuture} run on that thread: keep them short. The live
 * bytes (segment files not yet deleted, and records queued) are bounded by {@link
 * JournalSettings#maxBytes()}: an append waits for room, which {@link #done} frees by deleting
 * segments, and then gives up with {@link JournalFullException}. A failed write or force fails its
 * group and puts the journal in a failed state in which every append is refused: after a failed
 * {@code fsync} the file's state is unknown.
 *
 * <h2>Files</h2>
 * The directory holds {@code journal.lock}, locked by the open journal so that no second one (in
 * this process or another) uses the directory, and segment files named {@code journal-<sequence of
 * the first record, 20 digits>.seg}, which sort in sequence order. Each open appends to a new
 * segment, never after old data; a segment rolls over when the next record would pass {@link
 * JournalSettings#segmentBytes()}, and the directory is forced after a segment file is created. A
 * segment file is deleted once appends have moved on from it and all its records are done; a file
 * in which recovery found no record is deleted at open, after its damage is reported. At close, a
 * last segment whose records are all done is replaced by an empty one named for the next sequence,
 * so that sequences go on after a clean shutdown too.
 *
 * <h2>Format</h2>
 * A segment file is a sequence of records followed by zeros: it grows in zero-filled steps of 1 MiB
 * (at most to {@code segmentBytes}) ahead of its records, so that most forces overwrite blocks the
 * file already has and need not also commit its new size. Each record, big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  magic 0x534B4A31 ("SKJ1": the format's version is its last byte)
 *      4     4  payload length n, int32, 1 to 2^30 - 20
 *      8     8  sequence, int64, increasing across segments and restarts
 *     16     4  CRC32C (Castagnoli) of the 12 bytes at offset 4 followed by the payload
 *     20     n  payload
 * </pre>
 *
 * Recovery keeps a record when its magic, length, checksum and sequence (above the previous
 * record's in the file) all hold, and reads the zeros after the last record as the file's unwritten
 * end. A file whose last record is cut short, by the end of the file or by the zeros after the last
 * byte written, has a {@linkplain JournalDamage.Kind#TORN_TAIL torn tail}; any other invalid bytes
 * are {@linkplain JournalDamage.Kind#CORRUPT corrupt}, and recovery goes on at the next valid
 * record. Both are reported, logged at WARN, and never read as data.
 *
 * <p>Thread-safe.
 */
public final class Journal implements AutoCloseable {
    private final JournalSettings settings;
    private final SegmentFiles files;
    private final DirectoryLock lock;
    private final JournalRecovery recovery;
    private final AppendQueue queue;
    private final GroupWriter writer;
    private final Thread thread;
    private final Object trimLock = new Object();
    private boolean trimStopped; // guarded by trimLock
    private volatile boolean closed;
    private volatile boolean closedByWriter;

    private Journal(JournalSettings settings, LongSupplier ticker, SegmentFiles files, DirectoryLock lock) {
        this.settings = settings;
        this.files = files;
        this.lock = lock;
        Recovery.Result recovered = Recovery.run(files);
        this.recovery = recovered.report();
        this.queue =
                new AppendQueue(settings.directory().toString(), settings.maxBytes(), ticker, recovered.liveBytes());
        SegmentFiles.Created first;
        try {
            first = files.create(recovered.nextSequence());
        } catch (IOException e) {
            throw new JournalException(
                    "journal " + settings.directory() + ": cannot create segment "
                            + SegmentFiles.name(recovered.nextSequence()),
                    e);
        }
        this.writer = new GroupWriter(queue, files, first, recovered.nextSequence(), settings, this::trim);
        this.thread = new Thread(
                this::runWriter, "shardkit-journal-" + settings.directory().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void runWriter() {
        writer.run();
        if (closedByWriter) {
            release(); // close() was called from a completion on this thread, and could not wait for it
        }
    }

    /**
     * Opens the journal in a directory, creating the directory if needed: locks it, recovers what
     * earlier runs left (see {@link #recovery()}), and starts a new segment for appends.
     *
     * @param settings the journal's settings
     * @return the open journal
     * @throws JournalException if the directory is in use by another journal, or cannot be read,
     *     created or written
     */
    public static Journal open(JournalSettings settings) {
        return open(settings, System::nanoTime);
    }

    /**
     * Opens the journal, measuring waits for room with the given ticker (tests pass a fake one).
     *
     * @param settings the journal's settings
     * @param nanoTicker a monotonic clock in nanoseconds, like {@link System#nanoTime()}
     * @return the open journal
     * @throws JournalException as {@link #open(JournalSettings)}
     */
    public static Journal open(JournalSettings settings, LongSupplier nanoTicker) {
        return open(settings, nanoTicker, ChannelOpener.DEFAULT);
    }

    static Journal open(JournalSettings settings, LongSupplier nanoTicker, ChannelOpener opener) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(nanoTicker, "nanoTicker");
        Path directory = settings.directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new JournalException("journal " + directory + ": cannot create the directory", e);
        }
        DirectoryLock lock = DirectoryLock.acquire(directory);
        try {
            return new Journal(settings, nanoTicker, new SegmentFiles(directory, opener), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Returns what {@link #open} found on disk: the records not done by earlier runs, and the damage. */
    public JournalRecovery recovery() {
        return recovery;
    }

    /** Returns the settings the journal was opened with. */
    public JournalSettings settings() {
        return settings;
    }

    /**
     * Appends a record. Returns once the record is queued; the future completes when it is written
     * and forced to disk, with the record to pass to {@link #done} once it is applied, or fails with
     * a {@link JournalException} naming the file if the write or force failed.
     *
     * @param payload the record's bytes, 1 to {@link JournalSettings#maxRecordBytes()}; copied
     * @param maxWait how long to wait for room while the journal is full; zero fails at once
     * @return the future of the durable record
     * @throws IllegalArgumentException if the payload is null, empty or too large, or the wait negative
     * @throws JournalFullException if there was no room within {@code maxWait}; nothing was written
     * @throws JournalException if the journal failed earlier (the cause is that failure's), or the
     *     wait was interrupted
     * @throws IllegalStateException if the journal is closed
     */
    public CompletableFuture<JournalRecord> append(byte[] payload, Duration maxWait) {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
        if (payload.length == 0 || payload.length > settings.maxRecordBytes()) {
            throw new IllegalArgumentException("payload must be 1 to maxRecordBytes (" + settings.maxRecordBytes()
                    + ") bytes, but was " + payload.length + " bytes");
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be >= 0, but was " + maxWait);
        }
        CompletableFuture<JournalRecord> future = new CompletableFuture<>();
        queue.offer(new AppendQueue.Pending(payload.clone(), future), AppendQueue.nanos(maxWait));
        return future;
    }

    /**
     * Marks a record applied: once every record of a segment is done and appends have moved on
     * from it, the segment file is deleted and its bytes freed. Idempotent, lock-free but for the
     * deletion; records may be marked in any order. After {@link #close()} it does nothing: the
     * record is found again at the next open.
     *
     * @param record a record of this journal, appended or recovered
     * @throws IllegalArgumentException if the record is null or belongs to another journal
     */
    public void done(JournalRecord record) {
        if (record == null || record.owner() != files) {
            throw new IllegalArgumentException("record must belong to journal " + settings.directory() + ", but was "
                    + (record == null
                            ? "null"
                            : record + " of journal " + record.owner().directory()));
        }
        if (record.markDone() && record.segment().recordDone()) {
            trim(record.segment());
        }
    }

    /** Deletes a segment whose records are all done and which appends have left, unless closed. */
    private void trim(Segment segment) {
        synchronized (trimLock) {
            if (trimStopped || !segment.claimDeletion()) {
                return;
            }
            if (files.delete(segment)) {
                queue.release(segment.bytes());
            }
        }
    }

    /** Returns the live bytes: segment files not yet deleted, plus records accepted and not yet written. */
    public long liveBytes() {
        return queue.liveBytes();
    }

    /** Returns the records appended (written and forced) since open. */
    public long appendedRecords() {
        return writer.appended();
    }

    /** Returns the {@code force} calls made on segment files since open: one per group, two if it rolled. */
    public long forces() {
        return writer.forces();
    }

    /**
     * Closes the journal: refuses new appends (and those waiting for room), writes and forces what
     * is queued, stops the writer thread, deletes the last segment if all its records are done, and
     * unlocks the directory. Segments with records not done stay for the next open. Idempotent.
     */
    @Override
    public void close() {
        synchronized (trimLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        queue.close();
        if (Thread.currentThread() == thread) {
            closedByWriter = true;
        } else {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the queued records are being forced: let them finish
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            release();
        }
    }

    /** Stops deleting segments and unlocks the directory: once this journal has stopped writing. */
    private void release() {
        synchronized (trimLock) {
            trimStopped = true;
        }
        lock.close();
    }

    @Override
    public String toString() {
        return "Journal[" + settings.directory() + ", liveBytes=" + liveBytes() + ", closed=" + closed + "]";
    }
}
