package org.shardkit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of the test's own classes, for tests that need a real process to kill
 * ({@code SIGKILL}), freeze ({@code SIGSTOP}) or thaw ({@code SIGCONT}). It runs the parent's
 * {@code java} on the parent's class path; its main class gets one argument, the path of a
 * properties file with what the parent hands over ({@link #handedOver(String[])} reads it); its
 * standard output and error go to a log file the test can name in its failure messages. The parent
 * waits for what the child prints with {@link #awaitLog}, and {@link #send sends} it lines on its
 * standard input.
 *
 * <pre>{@code
 * Properties p = new Properties();
 * p.setProperty("url", shard.jdbcUrl());
 * try (ChildJvm child = ChildJvm.start(Writer.class, p, tempDir, "writer-1", "-Xmx256m")) {
 *     ...
 *     child.kill(); // kill -9: no shutdown hook, no finally block runs
 * }
 *
 * // in Writer.main(String[] args):
 * Properties p = ChildJvm.handedOver(args);
 * }</pre>
 *
 * <p>Freezing and thawing run the {@code kill} command (there is no Java API for them), so they
 * work where it exists (Linux, macOS). Thread-safe.
 */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a child JVM.
     *
     * @param main the class whose {@code main} runs; it must be on the parent's class path
     * @param handover what the child reads with {@link #handedOver(String[])}
     * @param dir where the properties file ({@code <name>.properties}) and the log ({@code
     *     <name>.log}) go
     * @param name the child's name, unique in {@code dir}
     * @param jvmArgs options before the class path, such as {@code -Xmx256m}
     * @return the running child
     * @throws IOException if the files cannot be written or the process cannot start
     */
    public static ChildJvm start(Class<?> main, Properties handover, Path dir, String name, String... jvmArgs)
            throws IOException {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(handover, "handover");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty, but was " + name);
        }
        Path props = dir.resolve(name + ".properties");
        try (OutputStream out = Files.newOutputStream(props)) {
            handover.store(out, "handed over to child JVM " + name);
        }
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), props.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildJvm(name, process, log);
    }

    /**
     * Reads, in the child, what the parent handed over.
     *
     * @param args the child's {@code main} arguments
     * @return the properties
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if {@code args} does not hold exactly one path
     */
    public static Properties handedOver(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException(
                    "a child JVM takes one argument, the properties file, but was given " + List.of(args));
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            p.load(in);
        }
        return p;
    }

    /** Returns the child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Returns the process, e.g. to wait for it with a timeout of the test's own. */
    public Process process() {
        return process;
    }

    /** Returns the log file: the child's standard output and error. */
    public Path log() {
        return log;
    }

    /**
     * Returns the log's text so far.
     *
     * @return the text, empty if nothing was written
     * @throws IOException if it cannot be read
     */
    public String logText() throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    /**
     * Waits until the child's log holds {@code text}: what a child prints when it reached a step.
     *
     * @param text what to wait for
     * @param timeout how long
     * @throws IllegalStateException if the child exits first, or the time runs out (it is killed
     *     then); the message holds the log
     */
    public void awaitLog(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!logText().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("child JVM " + this + " exited with " + process.exitValue()
                        + " before printing '" + text + "':\n" + logText());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("child JVM " + this + " did not print '" + text + "' within "
                        + timeout.toMillis() + " ms and was killed:\n" + logText());
            }
            waitFor(Duration.ofMillis(10)); // returns at once if it exits meanwhile
        }
    }

    /**
     * Sends a line to the child's standard input, which it reads with, e.g., a {@code
     * BufferedReader} over {@code System.in}.
     *
     * @param line the line, without its line break
     * @throws IOException if the child's input is closed (it exited)
     */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Tells whether the child is still running (a frozen child is). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the child with {@code SIGKILL}, as {@code kill -9} does, and waits until it is gone.
     *
     * @throws IllegalStateException if it is still there 30 s later
     */
    public void kill() {
        process.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(30))) {
            throw new IllegalStateException("child JVM " + this + " still runs 30 s after SIGKILL");
        }
    }

    /** Freezes the child with {@code SIGSTOP}: every thread stops where it is, until {@link #thaw()}. */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen child go on, with {@code SIGCONT}. */
    public void thaw() {
        signal("CONT");
    }

    /**
     * Waits for the child to exit and returns its exit code.
     *
     * @param timeout how long to wait
     * @return the exit code
     * @throws IllegalStateException if it still runs after {@code timeout}; it is killed then
     */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            kill();
            throw new IllegalStateException(
                    "child JVM " + this + " did not exit within " + timeout.toMillis() + " ms and was killed");
        }
        return process.exitValue();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for child JVM " + this, e);
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + out.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + " for child JVM " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling child JVM " + this, e);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
