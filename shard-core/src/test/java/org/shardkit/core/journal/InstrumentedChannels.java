package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Opens real file channels for a journal and watches its segment files through them: how far each
 * file had been written when it was last forced, a gate that holds the next {@code force} until the
 * test opens it, and a real {@link IOException} thrown from {@code write} or {@code force} once the
 * test arms it (as root, no file permission makes a write fail). Thread-safe.
 */
final class InstrumentedChannels implements ChannelOpener {
    private final Map<Path, Long> forcedUpTo = new ConcurrentHashMap<>();
    private volatile @Nullable IOException writeFailure;
    private volatile @Nullable IOException forceFailure;
    private volatile @Nullable CountDownLatch gate;
    private final CountDownLatch forceHeld = new CountDownLatch(1);

    @Override
    public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
        FileChannel real = FileChannel.open(path, options);
        return String.valueOf(path.getFileName()).endsWith(".seg") ? new Watched(path, real) : real;
    }

    /** Returns how many bytes of the file had been written when it was last forced, or -1. */
    long forcedUpTo(Path file) {
        return forcedUpTo.getOrDefault(file, -1L);
    }

    /** Makes every later write of a segment throw this exception. */
    void failWrites(IOException failure) {
        this.writeFailure = failure;
    }

    /** Makes every later force of a segment throw this exception. */
    void failForces(IOException failure) {
        this.forceFailure = failure;
    }

    /** Holds the next force of a segment until {@link #openGate()}; {@link #awaitForceHeld()} sees it waiting. */
    void closeGate() {
        gate = new CountDownLatch(1);
    }

    /** Lets the held force (and every later one) go on. */
    void openGate() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Waits until the writer thread is held in a force; fails the test after 10 s. */
    void awaitForceHeld() throws InterruptedException {
        if (!forceHeld.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the writer never reached a force");
        }
    }

    private static void throwIfArmed(@Nullable IOException failure) throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private final class Watched extends FileChannel {
        private final Path path;
        private final FileChannel real;

        Watched(Path path, FileChannel real) {
            this.path = path;
            this.real = real;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throwIfArmed(writeFailure);
            return real.write(src);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            CountDownLatch g = gate;
            if (g != null) {
                forceHeld.countDown();
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted at the gate", e);
                }
            }
            throwIfArmed(forceFailure);
            long written = real.position();
            real.force(metaData);
            forcedUpTo.put(path, written);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException("the journal writes one buffer at a time");
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throwIfArmed(writeFailure);
            return real.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public @Nullable FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
