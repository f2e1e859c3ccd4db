package org.shardkit.core.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the file channels a journal writes through: {@link FileChannel#open} in production. Tests
 * pass one whose channels throw a real {@link IOException} from {@code write} or {@code force},
 * which as root no file permission can be made to do.
 */
@FunctionalInterface
interface ChannelOpener {
    /** The production opener. */
    ChannelOpener DEFAULT = FileChannel::open;

    /**
     * Opens a channel.
     *
     * @param path the file or directory
     * @param options how to open it
     * @return the channel
     * @throws IOException if it cannot be opened
     */
    FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;
}
