package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files of one journal directory: their names ({@code journal-<first sequence, 20
 * digits>.seg}, which sort in sequence order), listing them, creating a new one durably (the
 * directory is forced after the file is created) and deleting one. Thread-safe.
 */
final class SegmentFiles {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern NAME = Pattern.compile("journal-(\\d{20})\\.seg");

    private final Path directory;
    private final ChannelOpener opener;
    private volatile boolean directorySyncRefused;

    SegmentFiles(Path directory, ChannelOpener opener) {
        this.directory = directory;
        this.opener = opener;
    }

    Path directory() {
        return directory;
    }

    /** Returns the file name of a segment whose first record has this sequence. */
    static String name(long firstSequence) {
        return String.format(Locale.ROOT, "journal-%020d.seg", firstSequence);
    }

    /** Returns the first sequence a segment file's name carries, or -1 if it is not a segment's name. */
    static long firstSequence(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Returns the directory's segment files in sequence order. */
    List<Path> list() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "journal-*.seg")) {
            for (Path p : stream) {
                if (firstSequence(String.valueOf(p.getFileName())) >= 0 && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /**
     * Creates a new, empty segment file and forces the directory, so that the file survives a
     * machine crash.
     *
     * @param firstSequence the sequence of its first record
     * @return the segment and the channel to append through
     * @throws IOException if the file exists or cannot be created
     */
    Created create(long firstSequence) throws IOException {
        Path file = directory.resolve(name(firstSequence));
        FileChannel channel = opener.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        try {
            syncDirectory();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new Created(new Segment(file, firstSequence, 0), channel);
    }

    /** A segment just created and the channel open on it. */
    record Created(Segment segment, FileChannel channel) {}

    /**
     * Forces the directory's entries to disk. Some platforms (Windows) refuse to open a directory:
     * that is logged once at DEBUG, and the journal goes on without it.
     */
    void syncDirectory() throws IOException {
        if (directorySyncRefused) {
            return;
        }
        FileChannel dir;
        try {
            dir = opener.open(directory, Set.of(StandardOpenOption.READ));
        } catch (IOException | UnsupportedOperationException e) {
            directorySyncRefused = true;
            LOG.debug("journal {}: the platform cannot open a directory to force it ({})", directory, e.toString());
            return;
        }
        try (dir) {
            dir.force(true);
        }
    }

    /**
     * Deletes a segment file.
     *
     * @return whether it was deleted; a failure is logged at WARN, and the file stays counted
     */
    boolean delete(Segment segment) {
        try {
            Files.deleteIfExists(segment.file());
            return true;
        } catch (IOException e) {
            LOG.warn("journal {}: could not delete {}, whose records are all done", directory, segment.name(), e);
            return false;
        }
    }
}
