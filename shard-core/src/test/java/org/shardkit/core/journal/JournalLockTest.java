package org.shardkit.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory lock holds against another process, and goes with it. */
class JournalLockTest {
    @TempDir
    Path dir;

    @Test
    void open_directoryLockedByAnotherProcess_failsClearly_untilThatProcessEnds() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> Journal.open(Journals.small(dir)))
                    .isInstanceOf(JournalException.class)
                    .hasMessage(
                            "journal " + dir.toAbsolutePath() + " is in use by another process (it holds the lock on "
                                    + dir.toAbsolutePath().resolve(DirectoryLock.FILE_NAME) + ")");

            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isZero();
        } finally {
            holder.destroyForcibly();
        }
        try (Journal journal = Journal.open(Journals.small(dir))) {
            assertThat(journal.recovery().isClean()).isTrue();
        }
    }
}
