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

    /** The usual failure threshold (8 % of the normaliser): the CED's x axis reaches at least this far. */
    static final double FAILURE_THRESHOLD = 0.08;
    /** The CED's x axis ends at this quantile of the worst method's errors (when above the threshold). */
    static final double CED_QUANTILE = 0.95;
    /** Most corner pairs drawn per CED line; plenty for a chart 820 pixels wide. */
    static final int MAX_CORNERS = 400;

    private final List<RunData> runs;
    private final MetricsTable pivots;
    private final SeriesStyles styles;
    private final boolean multiRun;
    private final Double cedMaxError;

    /** @param cedMaxError right end of every CED's x axis (a fraction), or null to choose it from the data */
    CurveCharts(MetricsTable pivots, SeriesStyles styles, Double cedMaxError) {
        this.pivots = pivots;
        this.runs = pivots.runs();
        this.styles = styles;
        this.multiRun = runs.size() > 1;
        this.cedMaxError = cedMaxError;
    }

    List<ChartKit.Figure> all() {
        List<ChartKit.Figure> out = new ArrayList<>(ced());
        out.addAll(landmarks());
        out.addAll(sweeps());
        return out;
    }

    /**
     * One CED per (subset, target), one line per variant (and run). Those of the primary target on
     * test subsets are main figures; the others go to the appendix.
     */
    List<ChartKit.Figure> ced() {
        Map<List<String>, Map<String, List<Double>>> groups = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (RunData.FaceError e : run.faceErrors()) {
                if (!MetricsTable.isTestSubset(e.subset())) {
                    continue; // validation faces choose settings; their CED would only repeat the tables
                }
                groups.computeIfAbsent(List.of(e.subset(), e.target()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(seriesName(run, e.variant()), k -> new ArrayList<>()).add(e.nme());
            }
        }
        String primary = pivots.primaryTarget();
        List<ChartKit.Figure> out = new ArrayList<>();
        groups.forEach((key, bySeries) -> {
            String subset = key.get(0);
            String target = key.get(1);
            double xMax = cedMaxError != null ? cedMaxError : cedRange(bySeries);
            XYChart chart = ChartKit.xy("Cumulative error distribution, " + subset + " subset, vs " + Words.target(target),
                    "NME (% of " + Captions.normalizerPhrase(pivots.runs()) + ")", "faces with at most this NME (%)");
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(100 * xMax);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(100.0);
            bySeries.forEach((name, values) -> {
                double[] errors = values.stream().mapToDouble(Double::doubleValue).toArray();
                double[][] steps = cedSteps(errors, xMax);
                String unique = ChartKit.uniqueName(chart, name);
                styles.apply(chart.addSeries(unique, steps[0], steps[1]), name, false);
                if (!SeriesStyles.isReference(name)) {
                    addMarks(chart, name, errors, xMax);
                }
            });
            if (FAILURE_THRESHOLD < xMax) {
                chart.addAnnotation(new AnnotationLine(100 * FAILURE_THRESHOLD, true, false));
            }
            ChartKit.breakEvenSpacing(chart, 100 * xMax, 100);
            boolean main = target.equals(primary) && MetricsTable.isTestSubset(subset);
            out.add(new ChartKit.Figure("ced-" + Formats.slug(subset) + "-" + Formats.slug(target),
                    main ? Sections.CED : Sections.MORE_CED,
                    "Cumulative error distribution on the " + subset + " subset, errors against "
                            + Captions.targetPhrase(target) + ": the percentage of faces (y) whose NME is at most x."
                            + " Higher and further left is better. The vertical line marks 8 %, the usual failure threshold;"
                            + " the x axis ends at " + Formats.format(0).format(100 * xMax) + " %, past 95 % of the worst"
                            + " method's faces. AUC and failure rates are in the tables."
                            + (bySeries.keySet().stream().anyMatch(SeriesStyles::isReference)
                                    ? " The dashed grey line is the mean shape (a reference, not a method)." : ""), chart));
        });
        return out;
    }

    /**
     * The CED's right end: the 95th percentile of the errors of the worst method (references left
     * out), at least the failure threshold, rounded up to a whole percent.
     */
    static double cedRange(Map<String, List<Double>> bySeries) {
        double worst = FAILURE_THRESHOLD;
        for (Map.Entry<String, List<Double>> e : bySeries.entrySet()) {
            if (SeriesStyles.isReference(e.getKey())) {
                continue;
            }
            double[] sorted = e.getValue().stream().mapToDouble(v -> Double.isFinite(v) ? v : Double.MAX_VALUE).sorted().toArray();
            if (sorted.length > 0) {
                worst = Math.max(worst, Math.min(1.0, SeedStats.percentile(sorted, CED_QUANTILE)));
            }
        }
        return Math.ceil(100 * worst - 1e-9) / 100;
    }

    /** A few markers along a CED line (not in the legend), so lines stay apart in grey print. */
    private void addMarks(XYChart chart, String name, double[] errors, double xMax) {
        double[] sorted = java.util.Arrays.stream(errors).filter(Double::isFinite).sorted().toArray();
        List<double[]> marks = new ArrayList<>();
        int offset = Math.floorMod(name.hashCode(), 5);
        for (int k = 1; k <= 5; k++) {
            double x = xMax * (k * 5 + offset) / 30.0;
            int below = 0;
            while (below < sorted.length && sorted[below] <= x) {
                below++;
            }
            marks.add(new double[] {100 * x, 100.0 * below / errors.length});
        }
        XYSeries series = chart.addSeries(ChartKit.uniqueName(chart, name + " "), marks.stream().mapToDouble(p -> p[0]).toArray(),
                marks.stream().mapToDouble(p -> p[1]).toArray());
        styles.apply(series, name, true);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setShowInLegend(false);
    }

    /**
     * Weak vs strong mean bars and the per-landmark profile, for the primary target on the primary
     * subset (the tables hold every subset).
     */
    List<ChartKit.Figure> landmarks() {
        String primary = pivots.primaryTarget();
        String subset = pivots.primarySubset(primary);
        Map<List<String>, Map<String, List<RunData.LandmarkError>>> groups = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (RunData.LandmarkError e : run.landmarkErrors()) {
                if (e.target().equals(primary) && e.subset().equals(subset)) {
                    groups.computeIfAbsent(List.of(e.subset(), e.target()), k -> new LinkedHashMap<>())
                            .computeIfAbsent(seriesName(run, e.variant()), k -> new ArrayList<>()).add(e);
                }
            }
        }
        List<ChartKit.Figure> out = new ArrayList<>();
        groups.forEach((key, bySeries) -> {
            String stem = Formats.slug(key.get(0)) + "-" + Formats.slug(key.get(1));
            String where = key.get(0) + " subset, vs " + Words.target(key.get(1));
            boolean reference = bySeries.keySet().stream().anyMatch(SeriesStyles::isReference);
            CategoryChart bars = ChartKit.bars("Weak vs strong landmarks, " + where, "variant",
                    "mean NME (% of the normaliser)");
            List<String> names = bySeries.keySet().stream().filter(n -> !SeriesStyles.isReference(n)).toList();
            bars.addSeries("weak points", names, names.stream().map(n -> mean(bySeries.get(n), true)).toList());
            bars.addSeries("strong points", names, names.stream().map(n -> mean(bySeries.get(n), false)).toList());
            out.add(new ChartKit.Figure("landmarks-weak-strong-" + stem, Sections.LANDMARKS, "Mean per-landmark NME (% of"
                    + " the normaliser) over the weak semantic points and over the strong ones, per variant (" + where
                    + "). Semantic Alignment should lower the weak bars most." + (reference ? " The mean shape is left out." : ""), bars));

            out.add(profile(bySeries, stem, where, reference));
        });
        return out;
    }

    /** NME of every landmark in scheme order, one line per variant; weak points marked on the axis. */
    private ChartKit.Figure profile(Map<String, List<RunData.LandmarkError>> bySeries, String stem, String where,
                                    boolean reference) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Set<String> weak = new LinkedHashSet<>();
        bySeries.values().forEach(list -> list.forEach(e -> {
            index.putIfAbsent(e.landmark(), index.size());
            if (e.weak()) {
                weak.add(e.landmark());
            }
        }));
        XYChart profile = ChartKit.xy("NME per landmark, " + where, "landmark index (scheme order)",
                "NME (% of the normaliser)");
        profile.getStyler().setMarkerSize(5);
        double top = 0;
        for (Map.Entry<String, List<RunData.LandmarkError>> s : bySeries.entrySet()) {
            double[] x = s.getValue().stream().mapToDouble(e -> index.get(e.landmark())).toArray();
            double[] y = s.getValue().stream().mapToDouble(RunData.LandmarkError::nme).toArray();
            if (!SeriesStyles.isReference(s.getKey())) {
                // The mean shape is far worse than every method: it must not set the range.
                top = Math.max(top, java.util.Arrays.stream(y).filter(Double::isFinite).max().orElse(0));
            }
            styles.apply(profile.addSeries(ChartKit.uniqueName(profile, s.getKey()), x, y), s.getKey(), x.length <= 40);
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
        return new ChartKit.Figure("landmarks-profile-" + stem, Sections.LANDMARKS, "NME (% of the normaliser) of every"
                + " landmark in scheme order (" + where + "), one line per variant; grey triangles on the axis mark the"
                + " weak semantic points." + (reference ? " The dashed grey mean-shape line runs above the plotted range." : ""),
                profile);
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
                XYChart chart = ChartKit.xy("NME vs " + key + ", vs " + Words.target(target), key,
                        "NME (% of the normaliser)");
                bySeries.forEach((name, points) -> {
                    points.sort((a, b) -> Double.compare(a[0], b[0]));
                    chart.addSeries(ChartKit.uniqueName(chart, name), points.stream().mapToDouble(p -> p[0]).toArray(),
                            points.stream().mapToDouble(p -> p[1]).toArray());
                });
                out.add(new ChartKit.Figure("sweep-" + Formats.slug(key) + "-" + Formats.slug(target), Sections.SWEEPS,
                        "NME (%) against " + Captions.targetPhrase(target) + " for each value of " + key
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
