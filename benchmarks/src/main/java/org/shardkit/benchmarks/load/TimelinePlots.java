package org.shardkit.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws throughput and p99 over time: for each timed phase ({@code seed}, {@code linkbench}) one PNG
 * of requests/s per second and one of the p99 per second, every system a series, x the seconds
 * since its measured window began (the systems ran one after the other). Stateless.
 */
final class TimelinePlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;

    private TimelinePlots() {}

    /**
     * Writes the plots.
     *
     * @param directory where the PNGs go
     * @param phases every system's phases (the suite's are skipped: they have no window to plot)
     * @return the files written, relative to {@code directory}
     */
    static List<String> write(Path directory, List<PhaseResult> phases) throws IOException {
        Map<String, List<PhaseResult>> byPhase = new LinkedHashMap<>();
        for (PhaseResult p : phases) {
            if (!p.phase().equals(WorkloadRunner.SUITE_PHASE)) {
                byPhase.computeIfAbsent(p.phase(), k -> new ArrayList<>()).add(p);
            }
        }
        Files.createDirectories(directory);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, List<PhaseResult>> e : byPhase.entrySet()) {
            if (e.getValue().stream().allMatch(p -> p.timeline().isEmpty())) {
                continue;
            }
            files.add(save(
                    directory,
                    "throughput-" + e.getKey(),
                    "Throughput over time: " + e.getKey(),
                    "requests/s",
                    e.getValue(),
                    SecondSample::opsPerSecond));
            files.add(save(
                    directory,
                    "p99-" + e.getKey(),
                    "p99 latency over time: " + e.getKey(),
                    "p99 (ms)",
                    e.getValue(),
                    SecondSample::p99Ms));
        }
        return files;
    }

    private static String save(
            Path directory,
            String name,
            String title,
            String yTitle,
            List<PhaseResult> phases,
            ToDoubleFunction<SecondSample> value)
            throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("seconds into the measured window")
                .yAxisTitle(yTitle)
                .build();
        for (PhaseResult p : phases) {
            List<SecondSample> samples = p.timeline();
            if (samples.isEmpty()) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (SecondSample s : samples) {
                xs.add(s.second());
                ys.add(value.applyAsDouble(s));
            }
            chart.addSeries(p.system(), xs, ys).setMarker(SeriesMarkers.NONE);
        }
        String file = name + ".png";
        BitmapEncoder.saveBitmap(chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
