package org.shardkit.examples.demo;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.shardkit.examples.data.PhaseProgress;
import org.shardkit.examples.data.SeedPhase;
import org.shardkit.examples.data.SeedProgress;

/**
 * The seeder's progress as one bar per phase ({@link PhaseBar}): rows written, rows per second and
 * the time left, redrawn on a terminal and a line every few seconds on a log ({@link ProgressLine});
 * a phase's last update ends its line, so each phase keeps its final figures on screen.
 *
 * <p>Not thread-safe: the seeder calls it from one thread.
 */
final class SeedProgressBar implements SeedProgress {
    private final ProgressLine line;
    private @Nullable SeedPhase finished;

    /**
     * Creates the bars.
     *
     * @param line where they are drawn
     */
    SeedProgressBar(ProgressLine line) {
        this.line = Objects.requireNonNull(line, "line");
    }

    @Override
    public void update(PhaseProgress p) {
        String unit = p.phase() == SeedPhase.ANALYZE ? "tables" : "rows";
        String text = PhaseBar.line(p.phase().label(), p.done(), p.total(), p.elapsed(), unit);
        if (p.finished()) {
            if (p.phase() != finished) { // the seeder may report a phase's end more than once
                finished = p.phase();
                line.finish(text);
            }
        } else {
            line.update(text);
        }
    }
}
