package org.shardkit.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the latency percentile curves (HdrHistogram's classic plot): one PNG per phase and
 * operation, every system a series, x the percentile on a {@code 1/(1-p)} log axis (so 90%, 99%,
 * 99.9% are evenly spaced), y the latency in milliseconds on a log axis. Stateless.
 */
final class LatencyPlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int TICKS_PER_HALF = 5;
    private static final double MAX_X = 1e5;
    private static final double NANOS_PER_MS = 1e6;
    private static final double MIN_MS = 0.001;

    private LatencyPlots() {}

    /**
     * Writes the curves.
     *
     * @param directory where the PNGs go
     * @param phases every system's phases
     * @return the files written, relative to {@code directory}
     */
    static List<String> write(Path directory, List<PhaseResult> phases) throws IOException {
        Map<String, Map<String, Histogram>> byChart = new LinkedHashMap<>();
        for (PhaseResult phase : phases) {
            for (OperationResult op : phase.operations()) {
                if (op.histogram().getTotalCount() == 0) {
                    continue;
                }
                String key = phase.phase() + "-" + op.operation().reportName();
                byChart.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(phase.system(), op.histogram());
            }
        }
        Files.createDirectories(directory);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, Map<String, Histogram>> chart : byChart.entrySet()) {
            String file = "latency-" + chart.getKey() + ".png";
            BitmapEncoder.saveBitmap(
                    chart(chart.getKey(), chart.getValue()),
                    directory.resolve(file).toString(),
                    BitmapEncoder.BitmapFormat.PNG);
            files.add(file);
        }
        return files;
    }

    private static XYChart chart(String title, Map<String, Histogram> systems) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Latency by percentile: " + title)
                .xAxisTitle("percentile (1/(1-p): 10 = 90%, 100 = 99%, 1000 = 99.9%)")
                .yAxisTitle("latency (ms)")
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (Map.Entry<String, Histogram> system : systems.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (HistogramIterationValue v : system.getValue().percentiles(TICKS_PER_HALF)) {
                double p = v.getPercentileLevelIteratedTo() / 100;
                double x = p >= 1 ? MAX_X : Math.min(MAX_X, 1 / (1 - p));
                xs.add(x);
                ys.add(Math.max(MIN_MS, v.getValueIteratedTo() / NANOS_PER_MS));
                if (p >= 1) {
                    break;
                }
            }
            chart.addSeries(system.getKey(), xs, ys).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
