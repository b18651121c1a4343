package dev.sa.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures from history.csv: one chart per logged metric over the epochs of the baseline and SA
 * phases (paper Figs. 6 and 7 for {@code train_loss} and {@code test_nme_full}), the refiner's own
 * metrics, test NME after each SA epoch (Fig. 8) and label movement per SA epoch.
 */
final class HistoryCharts {

    static final String REFINER = "refiner";
    static final String SA = "sa";
    static final String BASELINE = "baseline";
    /** Metrics about the labels, drawn per variant in one chart instead of one chart each. */
    private static final List<String> LABEL_METRICS = List.of("label_move", "label_vs_human",
            "label_error_truth_weak", "label_error_truth_strong");
    /** Curves of the main figures (paper Figs. 6 and 7); the others go to the appendix. */
    private static final List<String> MAIN_METRICS = List.of("train_loss", "val_nme", "val_nme_truth");

    private final List<RunData> runs;
    private final SeriesStyles styles;
    private final boolean multiRun;

    HistoryCharts(List<RunData> runs, SeriesStyles styles) {
        this.runs = runs;
        this.styles = styles;
        this.multiRun = runs.size() > 1;
    }

    List<ChartKit.Figure> all() {
        List<ChartKit.Figure> out = new ArrayList<>(perMetric(false));
        out.addAll(perMetric(true));
        out.addAll(saNme());
        out.addAll(labels());
        return out;
    }

    /**
     * One chart per metric; series = variant; x = epoch, later phases placed after the baseline's.
     * A baseline phase that several variants share (same epochs, same values) is drawn once.
     */
    private List<ChartKit.Figure> perMetric(boolean refiner) {
        Set<String> metrics = new LinkedHashSet<>();
        points(refiner).forEach(p -> metrics.add(p.point().metric()));
        metrics.removeAll(LABEL_METRICS);
        // Search time with and without the label update differ by little: one chart is enough.
        if (metrics.contains("search_seconds")) {
            metrics.remove("search_only_seconds");
        }
        List<ChartKit.Figure> out = new ArrayList<>();
        for (String metric : metrics) {
            XYChart chart = ChartKit.xy(Words.history(metric) + (refiner ? " (refiner)" : ""),
                    refiner ? "refiner epoch" : "epoch (baseline, then continued training or SA)", Words.historyUnit(metric));
            Set<Double> saStarts = new LinkedHashSet<>();
            boolean positive = true;
            Map<String, List<double[]>> bySeries = new LinkedHashMap<>();
            Map<String, List<double[]>> baselines = new LinkedHashMap<>();
            for (RunData run : runs) {
                Map<String, Map<String, Integer>> offsets = offsets(run, refiner);
                for (RunData.HistoryPoint p : run.history()) {
                    if (p.metric().equals(metric) && p.phase().equals(REFINER) == refiner && Double.isFinite(p.value())) {
                        int x = p.epoch() + offsets.get(p.variant()).get(p.phase());
                        String name = name(run, p.variant());
                        boolean baseline = !refiner && p.phase().equals(BASELINE);
                        (baseline ? baselines : bySeries).computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, p.value()});
                        bySeries.computeIfAbsent(name, k -> new ArrayList<>());
                        positive &= p.value() > 0;
                    }
                }
                offsets.forEach((variant, byPhase) -> {
                    if (byPhase.size() > 1) {
                        byPhase.entrySet().stream().skip(1).findFirst().ifPresent(second ->
                                saStarts.add(firstEpoch(run, variant, second.getKey()) + second.getValue() - 0.5));
                    }
                });
            }
            if (bySeries.isEmpty()) {
                continue;
            }
            bySeries.replaceAll((name, pts) -> meanByX(pts));
            baselines.replaceAll((name, pts) -> meanByX(pts));
            String shared = drawWithSharedBaseline(chart, bySeries, baselines);
            double firstX = java.util.stream.Stream.concat(bySeries.values().stream(), baselines.values().stream())
                    .flatMap(List::stream).mapToDouble(pt -> pt[0]).min().orElse(Double.POSITIVE_INFINITY);
            // The line where the continuation starts, only where the chart has epochs before it (a
            // curve of the continuation alone, as the test curve by default, would get it off the plot).
            boolean startLine = saStarts.size() == 1 && firstX < saStarts.iterator().next();
            if (startLine) {
                chart.addAnnotation(new AnnotationLine(saStarts.iterator().next(), true, false));
            }
            if ((metric.equals("lr") || metric.equals("train_loss")) && positive) {
                ChartKit.logarithmicY(chart);
            }
            String id = "history-" + (refiner ? "refiner-" : "") + Formats.slug(metric);
            String section = !refiner && (MAIN_METRICS.contains(metric) || metric.startsWith("test_nme_"))
                    ? Sections.TRAINING : Sections.MORE_TRAINING;
            boolean seeded = runs.stream().anyMatch(r -> r.history().stream().anyMatch(p -> !p.seed().isEmpty()));
            out.add(new ChartKit.Figure(id, section, caption(metric, refiner, startLine) + shared
                    + (seeded ? " Each point is the mean over the training seeds." : ""), chart));
        }
        return out;
    }

    /**
     * Draws each series; baselines equal across variants become one line, named after the variant
     * that has nothing but the baseline (e.g. HGs) when there is exactly one, else "shared baseline"
     * in grey. The other variants start from the baseline's last point. Returns a caption sentence
     * naming who shares the baseline, or "".
     */
    private String drawWithSharedBaseline(XYChart chart, Map<String, List<double[]>> later, Map<String, List<double[]>> baselines) {
        Map<String, List<String>> byCurve = new LinkedHashMap<>();
        // Only variants of one run share a baseline: the run's label prefixes the curve's key.
        baselines.forEach((name, pts) -> byCurve.computeIfAbsent(runOf(name) + "\u0000" + key(pts), k -> new ArrayList<>()).add(name));
        StringBuilder caption = new StringBuilder();
        Set<String> drawn = new LinkedHashSet<>();
        for (List<String> sharers : byCurve.values()) {
            if (sharers.size() < 2) {
                continue;
            }
            List<double[]> base = sorted(baselines.get(sharers.get(0)));
            List<String> baselineOnly = sharers.stream().filter(n -> later.get(n).isEmpty()).toList();
            String name = baselineOnly.size() == 1 ? baselineOnly.get(0) : "shared baseline";
            XYSeries series = addLine(chart, name, base);
            if (baselineOnly.size() != 1) {
                series.setLineColor(SeriesStyles.GREY);
                series.setMarkerColor(SeriesStyles.GREY);
            }
            drawn.addAll(baselineOnly);
            double[] last = base.get(base.size() - 1);
            for (String sharer : sharers) {
                if (!later.get(sharer).isEmpty()) {
                    List<double[]> pts = new ArrayList<>(later.get(sharer));
                    pts.add(last);
                    addLine(chart, sharer, pts);
                    drawn.add(sharer);
                }
            }
            caption.append(" The baseline phase is one training shared by ").append(String.join(", ", sharers))
                    .append(", drawn once (as the ").append(name).append(" line); each of the others continues from its last epoch.");
        }
        later.forEach((name, pts) -> {
            if (!drawn.contains(name)) {
                List<double[]> all = new ArrayList<>(baselines.getOrDefault(name, List.of()));
                all.addAll(pts);
                if (!all.isEmpty()) {
                    addLine(chart, name, all);
                }
            }
        });
        return caption.toString();
    }

    /** One point per x: the mean over the seeds that logged it (a one-seed run is unchanged). */
    static List<double[]> meanByX(List<double[]> points) {
        Map<Double, double[]> sums = new java.util.TreeMap<>();
        for (double[] p : points) {
            double[] sum = sums.computeIfAbsent(p[0], k -> new double[2]);
            sum[0] += p[1];
            sum[1]++;
        }
        List<double[]> out = new ArrayList<>();
        sums.forEach((x, sum) -> out.add(new double[] {x, sum[0] / sum[1]}));
        return out;
    }

    /** The run part of a series name "run / variant" ("" in a one-run report). */
    private String runOf(String name) {
        int cut = name.lastIndexOf(" / ");
        return multiRun && cut >= 0 ? name.substring(0, cut) : "";
    }

    private static String key(List<double[]> points) {
        StringBuilder out = new StringBuilder();
        sorted(points).forEach(p -> out.append(p[0]).append(':').append(p[1]).append(';'));
        return out.toString();
    }

    /**
     * Fig. 8: test NME of each subset after every SA epoch, one chart per SA variant (appendix), when
     * the history logs at least two test subsets.
     */
    private List<ChartKit.Figure> saNme() {
        List<ChartKit.Figure> out = new ArrayList<>();
        for (RunData run : runs) {
            Map<String, Map<String, List<double[]>>> byVariant = new LinkedHashMap<>();
            for (RunData.HistoryPoint p : run.history()) {
                if (p.phase().equals(SA) && p.metric().startsWith("test_nme_") && Double.isFinite(p.value())) {
                    byVariant.computeIfAbsent(p.variant(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(Words.history(p.metric()).replace("Test NME, ", ""), k -> new ArrayList<>())
                            .add(new double[] {p.epoch(), p.value()});
                }
            }
            // With one subset logged, the chart would repeat that subset's training curve.
            byVariant.values().removeIf(bySubset -> run.history().stream().filter(p -> p.metric().startsWith("test_nme_"))
                    .map(p -> p.metric().replace("test_nme_truth_", "test_nme_")).distinct().count() < 2);
            byVariant.forEach((variant, bySubset) -> {
                String who = name(run, variant);
                int epochs = bySubset.values().stream().mapToInt(List::size).max().orElse(0);
                XYChart chart = ChartKit.xy("Test NME per SA epoch, " + who, "SA epoch", "NME (% of the normaliser)");
                bySubset.forEach((subset, pts) -> addLine(chart, subset, pts));
                out.add(new ChartKit.Figure("sa-nme-" + Formats.slug(who), Sections.MORE_TRAINING, "Test NME (% of the"
                        + " normaliser) of " + who + " on each test subset after each of its " + epochs + " Semantic Alignment"
                        + " epochs (as paper Fig. 8, where the error falls as the searched labels improve).", chart));
            });
        }
        return out;
    }

    /** Label movement per SA epoch: how far y^ moved, and (synthetic data) how far it is from the truth. */
    private List<ChartKit.Figure> labels() {
        List<ChartKit.Figure> out = new ArrayList<>();
        for (RunData run : runs) {
            Map<String, Map<String, List<double[]>>> byVariant = new LinkedHashMap<>();
            for (RunData.HistoryPoint p : run.history()) {
                if (LABEL_METRICS.contains(p.metric()) && Double.isFinite(p.value())) {
                    byVariant.computeIfAbsent(p.variant(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(p.metric(), k -> new ArrayList<>()).add(new double[] {p.epoch(), p.value()});
                }
            }
            byVariant.forEach((variant, byMetric) -> {
                String who = name(run, variant);
                XYChart chart = ChartKit.xy("Training labels per SA epoch, " + who, "SA epoch",
                        "distance (% of the normaliser)");
                chart.getStyler().setYAxisMin(0.0);
                // Every line in the variant's own colour, told apart by marker and dash, so that no
                // colour here reads as another variant.
                for (int i = 0; i < LABEL_METRICS.size(); i++) {
                    String m = LABEL_METRICS.get(i);
                    if (byMetric.containsKey(m)) {
                        XYSeries series = addLine(chart, labelName(m), byMetric.get(m));
                        series.setLineColor(styles.color(who));
                        series.setMarkerColor(styles.color(who));
                        series.setMarker(SeriesStyles.MARKERS.get(i));
                        series.setLineStyle(i % 2 == 1 ? SeriesStyles.DASHED : new java.awt.BasicStroke(2f));
                    }
                }
                out.add(new ChartKit.Figure("labels-" + Formats.slug(who), Sections.LABEL_MOVEMENT, "Training labels of " + who
                        + " per SA epoch, in % of the normaliser: 'moved' = mean |y^ - o| (how far the search moved the"
                        + " labels this epoch; should shrink as the search converges, paper Fig. 4); 'vs human' = mean"
                        + " |y^ - human annotation| (a steady rise means drift); 'error vs truth' (synthetic data) = mean"
                        + " distance to the true points for weak and strong landmarks (should fall below the human"
                        + " labels' error if SA recovers the truth).", chart));
            });
        }
        return out;
    }

    private record Located(RunData run, RunData.HistoryPoint point) {}

    private List<Located> points(boolean refiner) {
        List<Located> out = new ArrayList<>();
        runs.forEach(r -> r.history().stream().filter(p -> p.phase().equals(REFINER) == refiner)
                .forEach(p -> out.add(new Located(r, p))));
        return out;
    }

    /**
     * Per variant and phase, what to add to the logged epoch so phases follow each other: phases
     * keep their first-logged order, and a phase that restarts its count starts after the last x of
     * the phase before (a phase whose epochs already continue the count keeps them).
     */
    static Map<String, Map<String, Integer>> offsets(RunData run, boolean refiner) {
        Map<String, Map<String, int[]>> ranges = new LinkedHashMap<>();
        for (RunData.HistoryPoint p : run.history()) {
            if (p.phase().equals(REFINER) == refiner) {
                int[] range = ranges.computeIfAbsent(p.variant(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(p.phase(), k -> new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE});
                range[0] = Math.min(range[0], p.epoch());
                range[1] = Math.max(range[1], p.epoch());
            }
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        ranges.forEach((variant, byPhase) -> {
            Map<String, Integer> offsets = new LinkedHashMap<>();
            Integer lastX = null;
            for (Map.Entry<String, int[]> phase : byPhase.entrySet()) {
                int offset = lastX == null ? 0 : Math.max(0, lastX + 1 - phase.getValue()[0]);
                offsets.put(phase.getKey(), offset);
                lastX = phase.getValue()[1] + offset;
            }
            out.put(variant, offsets);
        });
        return out;
    }

    private static int firstEpoch(RunData run, String variant, String phase) {
        return run.history().stream().filter(p -> p.variant().equals(variant) && p.phase().equals(phase))
                .mapToInt(RunData.HistoryPoint::epoch).min().orElse(0);
    }

    private String name(RunData run, String variant) {
        return multiRun ? run.label() + " / " + variant : variant;
    }

    /** Adds a line sorted by x; variants get their fixed style, other series the palette's next colour. */
    private XYSeries addLine(XYChart chart, String name, List<double[]> points) {
        List<double[]> sorted = sorted(points);
        XYSeries series = chart.addSeries(ChartKit.uniqueName(chart, name), sorted.stream().mapToDouble(p -> p[0]).toArray(),
                sorted.stream().mapToDouble(p -> p[1]).toArray());
        boolean markers = sorted.size() <= 40;
        if (styles.knows(name)) {
            styles.apply(series, name, markers);
        } else {
            series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return series;
    }

    private static List<double[]> sorted(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        return sorted;
    }

    private static String labelName(String metric) {
        return switch (metric) {
            case "label_move" -> "moved |y^ - o|";
            case "label_vs_human" -> "vs human |y^ - human|";
            case "label_error_truth_weak" -> "error vs truth, weak points";
            case "label_error_truth_strong" -> "error vs truth, strong points";
            default -> metric;
        };
    }

    private static String caption(String metric, boolean refiner, boolean marked) {
        String what = switch (metric) {
            case "train_loss" -> "Training loss per epoch, on a log scale, one line per variant (as paper Fig. 6: with"
                    + " plain training on human labels the loss stalls; with SA it keeps falling, as the targets become"
                    + " consistent).";
            case "lr" -> "Learning rate per epoch (the schedules of the baseline and later phases), log scale.";
            case "epoch_seconds", "search_seconds", "search_only_seconds" -> Words.history(metric) + ", in seconds of wall-clock"
                    + " time: it shows how loaded the machine was as much as the method's cost.";
            case "check_nme_eval", "check_nme_batch" -> Words.history(metric) + " (% of the normaliser): the training"
                    + " guard scores 16 fixed training faces in both modes; the two should agree.";
            default -> metric.contains("nme")
                    ? Words.history(metric) + " (% of the normaliser) per epoch, one line per variant (as paper Fig. 7:"
                            + " baseline vs SA w/o update vs SA)."
                    : Words.history(metric) + " per epoch, one line per variant.";
        };
        if (refiner) {
            return "Refiner phase (GHCU or PCA): " + what;
        }
        return marked ? what + " The vertical line marks where the baseline phase ends." : what;
    }
}
