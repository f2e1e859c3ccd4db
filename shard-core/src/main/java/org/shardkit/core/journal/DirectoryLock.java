package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock a journal holds on its directory, through the file {@value #FILE_NAME} in it:
 * a second journal on the same directory, in this process or another, would read segments the
 * first is still writing and delete what it has not applied. The OS releases the lock when the
 * process dies, so a crash leaves no stale lock behind. The file itself is never deleted (deleting
 * a lock file races with the next opener). Thread-safe.
 */
final class DirectoryLock implements AutoCloseable {
    /** The lock file's name. */
    static final String FILE_NAME = "journal.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @param directory the journal's directory, which exists
     * @return the lock
     * @throws JournalException if another journal holds it, or the lock file cannot be opened
     */
    static DirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JournalException("journal " + directory + ": cannot open its lock file " + file, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new JournalException(
                        "journal " + directory + " is in use by another process (it holds the lock on " + file + ")",
                        null);
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new JournalException(
                    "journal " + directory + " is in use by another journal in this process (close it first)", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalException("journal " + directory + ": cannot lock " + file, e);
        } catch (JournalException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing is written through it; the OS frees the lock with the descriptor.
        }
    }
}
