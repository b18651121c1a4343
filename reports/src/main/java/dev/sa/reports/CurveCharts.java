package dev.sa.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Figures from evaluation files: CED curves, weak/strong landmark errors, sweeps. */
final class CurveCharts {

    private static final double AUC_THRESHOLD = 0.08;
    /** Most corner pairs drawn per CED line; plenty for a 820-pixel-wide chart. */
    static final int MAX_CORNERS = 2000;

    private final List<RunData> runs;
    private final MetricsTable pivots;
    private final boolean multiRun;
    private final double cedMaxError;

    CurveCharts(MetricsTable pivots, double cedMaxError) {
        this.pivots = pivots;
        this.runs = pivots.runs();
        this.multiRun = runs.size() > 1;
        this.cedMaxError = cedMaxError;
    }

    List<ChartKit.Figure> all() {
        List<ChartKit.Figure> out = new ArrayList<>(ced());
        out.addAll(landmarks());
        out.addAll(sweeps());
        return out;
    }

    /** One CED per (subset, target), one line per variant (and run). */
    List<ChartKit.Figure> ced() {
        Map<List<String>, Map<String, List<Double>>> groups = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (RunData.FaceError e : run.faceErrors()) {
                groups.computeIfAbsent(List.of(e.subset(), e.target()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(seriesName(run, e.variant()), k -> new ArrayList<>()).add(e.nme());
            }
        }
        double aucAt = Math.min(AUC_THRESHOLD, cedMaxError);
        String aucName = "AUC@" + Formats.format(2).format(aucAt);
        List<ChartKit.Figure> out = new ArrayList<>();
        groups.forEach((key, bySeries) -> {
            String subset = key.get(0);
            String target = key.get(1);
            XYChart chart = ChartKit.xy("CED, " + subset + " subset, vs " + target,
                    "NME (% of " + pivots.normalizerPhrase() + ")", "faces (%)");
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(100 * cedMaxError);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(100.0);
            // CED lines climb to the upper left, so the lower right is free for the legend.
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
            bySeries.forEach((name, values) -> {
                double[] errors = values.stream().mapToDouble(Double::doubleValue).toArray();
                double[][] steps = cedSteps(errors, cedMaxError);
                String label = name + " (" + aucName + " " + Formats.format(3).format(Curves.auc(errors, aucAt))
                        + ", n=" + errors.length + ")";
                XYSeries series = chart.addSeries(ChartKit.uniqueName(chart, label), steps[0], steps[1]);
                series.setMarker(SeriesMarkers.NONE);
            });
            if (AUC_THRESHOLD < cedMaxError) {
                chart.addAnnotation(new AnnotationLine(100 * AUC_THRESHOLD, true, false));
            }
            ChartKit.breakEvenSpacing(chart, 100 * cedMaxError, 100);
            out.add(new ChartKit.Figure("ced-" + Formats.slug(subset) + "-" + Formats.slug(target), "CED curves",
                    "Cumulative error distribution on the " + subset + " subset, errors against "
                            + MetricsTable.targetPhrase(target) + ": the percentage of faces (y) whose NME is at most x (in % of the normaliser)."
                            + " Higher and further left is better; the legend gives each line's " + aucName
                            + " (area up to that threshold, divided by it) and face count; the vertical line marks 8 % (0.08),"
                            + " the usual failure threshold.", chart));
        });
        return out;
    }

    /** Weak vs strong mean bars and the per-landmark profile, per (subset, target). */
    List<ChartKit.Figure> landmarks() {
        Map<List<String>, Map<String, List<RunData.LandmarkError>>> groups = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (RunData.LandmarkError e : run.landmarkErrors()) {
                groups.computeIfAbsent(List.of(e.subset(), e.target()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(seriesName(run, e.variant()), k -> new ArrayList<>()).add(e);
            }
        }
        List<ChartKit.Figure> out = new ArrayList<>();
        groups.forEach((key, bySeries) -> {
            String stem = Formats.slug(key.get(0)) + "-" + Formats.slug(key.get(1));
            String where = key.get(0) + " subset, vs " + key.get(1);
            CategoryChart bars = ChartKit.bars("Weak vs strong landmarks, " + where, "variant", "mean NME (%)");
            List<String> names = new ArrayList<>(bySeries.keySet());
            bars.addSeries("weak points", names, names.stream().map(n -> mean(bySeries.get(n), true)).toList());
            bars.addSeries("strong points", names, names.stream().map(n -> mean(bySeries.get(n), false)).toList());
            out.add(new ChartKit.Figure("landmarks-weak-strong-" + stem, "Landmarks", "Mean per-landmark NME (%) over"
                    + " the weak semantic points and over the strong ones, per variant (" + where + "). Semantic Alignment"
                    + " should lower the weak bars most.", bars));

            Map<String, Integer> index = new LinkedHashMap<>();
            Set<String> weak = new LinkedHashSet<>();
            bySeries.values().forEach(list -> list.forEach(e -> {
                index.putIfAbsent(e.landmark(), index.size());
                if (e.weak()) {
                    weak.add(e.landmark());
                }
            }));
            XYChart profile = ChartKit.xy("NME per landmark, " + where, "landmark index", "NME (%)");
            profile.getStyler().setMarkerSize(4);
            double top = 0;
            for (Map.Entry<String, List<RunData.LandmarkError>> s : bySeries.entrySet()) {
                double[] x = s.getValue().stream().mapToDouble(e -> index.get(e.landmark())).toArray();
                double[] y = s.getValue().stream().mapToDouble(RunData.LandmarkError::nme).toArray();
                top = Math.max(top, java.util.Arrays.stream(y).filter(Double::isFinite).max().orElse(0));
                profile.addSeries(ChartKit.uniqueName(profile, s.getKey()), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
            if (!weak.isEmpty()) {
                double[] x = weak.stream().mapToDouble(index::get).toArray();
                double[] y = new double[x.length];
                XYSeries marks = profile.addSeries("weak point", x, y);
                marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                marks.setMarker(SeriesMarkers.TRIANGLE_UP);
                marks.setMarkerColor(java.awt.Color.GRAY);
            }
            profile.getStyler().setYAxisMin(0.0);
            profile.getStyler().setYAxisMax(top > 0 ? top * 1.1 : 1.0);
            out.add(new ChartKit.Figure("landmarks-profile-" + stem, "Landmarks", "NME (%) of every landmark in scheme"
                    + " order (" + where + "), one line per variant; grey triangles on the axis mark the weak semantic"
                    + " points.", profile));
        });
        return out;
    }

    /** NME against the swept value, one line per subset (paper Tables 5-6 as plots). */
    List<ChartKit.Figure> sweeps() {
        List<ChartKit.Figure> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> r.metrics().forEach(m -> ReportTables.sweepKey(m.variant()).ifPresent(keys::add)));
        for (String key : keys) {
            for (String target : pivots.targets()) {
                Map<String, List<double[]>> bySeries = new LinkedHashMap<>();
                for (RunData run : runs) {
                    for (RunData.Metric m : run.metrics()) {
                        String value = ReportTables.sweepValue(m.variant());
                        if (m.metric().equals("nme") && m.target().equals(target)
                                && ReportTables.sweepKey(m.variant()).map(key::equals).orElse(false)
                                && ReportTables.isNumber(value) && Double.isFinite(m.value())) {
                            bySeries.computeIfAbsent(seriesName(run, m.subset()), k -> new ArrayList<>())
                                    .add(new double[] {Double.parseDouble(value), m.value()});
                        }
                    }
                }
                if (bySeries.values().stream().noneMatch(points -> points.size() > 1)) {
                    continue;
                }
                XYChart chart = ChartKit.xy("NME vs " + key + ", vs " + target, key, "NME (%)");
                bySeries.forEach((name, points) -> {
                    points.sort((a, b) -> Double.compare(a[0], b[0]));
                    chart.addSeries(ChartKit.uniqueName(chart, name), points.stream().mapToDouble(p -> p[0]).toArray(),
                            points.stream().mapToDouble(p -> p[1]).toArray());
                });
                out.add(new ChartKit.Figure("sweep-" + Formats.slug(key) + "-" + Formats.slug(target), "Sweeps",
                        "NME (%) against " + MetricsTable.targetPhrase(target) + " for each value of " + key
                                + ", one line per test subset; the lowest point is the best setting.", chart));
            }
        }
        return out;
    }

    /**
     * The CED staircase up to {@code maxError} as (x, y) corner points in percent (NME % of the
     * normaliser, % of faces): each face's error is a vertical step. Drawn from corners rather than
     * from {@link Curves#ced} on an even grid, because XChart 3.8.8 lays out ticks differently (and,
     * with rounded labels, misaligned) for evenly spaced values. Above {@link #MAX_CORNERS} faces
     * (300-VW has tens of thousands of frames) the corners are taken at evenly spaced ranks.
     */
    static double[][] cedSteps(double[] errors, double maxError) {
        double[] sorted = errors.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = Double.isFinite(sorted[i]) ? sorted[i] : Double.POSITIVE_INFINITY;
        }
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        int stride = Math.max(1, (n + MAX_CORNERS - 1) / MAX_CORNERS);
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        double reached = 0;
        int counted = 0;
        for (int rank = stride - 1; rank < n + stride - 1; rank += stride) {
            int i = Math.min(rank, n - 1);
            if (sorted[i] > maxError) {
                break;
            }
            if (i < counted) {
                continue;
            }
            // The fraction at or below sorted[i] counts every tie, not only the ranks visited.
            int atOrBelow = i + 1;
            while (atOrBelow < n && sorted[atOrBelow] == sorted[i]) {
                atOrBelow++;
            }
            points.add(new double[] {100 * sorted[i], reached});
            reached = 100.0 * atOrBelow / n;
            counted = atOrBelow;
            points.add(new double[] {100 * sorted[i], reached});
        }
        points.add(new double[] {100 * maxError, reached});
        return new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private String seriesName(RunData run, String name) {
        return multiRun ? run.label() + " / " + name : name;
    }

    private static double mean(List<RunData.LandmarkError> errors, boolean weak) {
        return errors.stream().filter(e -> e.weak() == weak).mapToDouble(RunData.LandmarkError::nme).average().orElse(0);
    }
}
