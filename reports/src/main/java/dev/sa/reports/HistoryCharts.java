package dev.sa.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures from history.csv: one chart per logged metric over the epochs of the baseline and SA
 * phases (paper Figs. 6 and 7 for {@code train_loss} and {@code test_nme_full}), the refiner's own
 * metrics, test NME after each SA epoch (Fig. 8) and label movement per SA epoch.
 */
final class HistoryCharts {

    static final String REFINER = "refiner";
    static final String SA = "sa";
    /** Metrics about the labels, drawn per variant in one chart instead of one chart each. */
    private static final List<String> LABEL_METRICS = List.of("label_move", "label_vs_human",
            "label_error_truth_weak", "label_error_truth_strong");

    private final List<RunData> runs;
    private final boolean multiRun;

    HistoryCharts(List<RunData> runs) {
        this.runs = runs;
        this.multiRun = runs.size() > 1;
    }

    List<ChartKit.Figure> all() {
        List<ChartKit.Figure> out = new ArrayList<>(perMetric(false));
        out.addAll(perMetric(true));
        out.addAll(saNme());
        out.addAll(labels());
        return out;
    }

    /** One chart per metric; series = variant; x = epoch, SA epochs placed after the baseline's. */
    private List<ChartKit.Figure> perMetric(boolean refiner) {
        Set<String> metrics = new LinkedHashSet<>();
        points(refiner).forEach(p -> metrics.add(p.point().metric()));
        metrics.removeAll(LABEL_METRICS);
        List<ChartKit.Figure> out = new ArrayList<>();
        for (String metric : metrics) {
            XYChart chart = ChartKit.xy(title(metric) + (refiner ? " (refiner)" : ""),
                    refiner ? "refiner epoch" : "epoch (baseline, then SA)", yTitle(metric));
            Set<Double> saStarts = new LinkedHashSet<>();
            boolean positive = true;
            Map<String, List<double[]>> bySeries = new LinkedHashMap<>();
            for (RunData run : runs) {
                Map<String, Map<String, Integer>> offsets = offsets(run, refiner);
                for (RunData.HistoryPoint p : run.history()) {
                    if (p.metric().equals(metric) && p.phase().equals(REFINER) == refiner && Double.isFinite(p.value())) {
                        int x = p.epoch() + offsets.get(p.variant()).get(p.phase());
                        bySeries.computeIfAbsent(name(run, p.variant()), k -> new ArrayList<>()).add(new double[] {x, p.value()});
                        positive &= p.value() > 0;
                    }
                }
                offsets.forEach((variant, byPhase) -> {
                    if (byPhase.containsKey(SA) && byPhase.size() > 1) {
                        saStarts.add(firstEpoch(run, variant, SA) + byPhase.get(SA) - 0.5);
                    }
                });
            }
            if (bySeries.isEmpty()) {
                continue;
            }
            bySeries.forEach((name, pts) -> addLine(chart, name, pts));
            if (saStarts.size() == 1) {
                chart.addAnnotation(new AnnotationLine(saStarts.iterator().next(), true, false));
            }
            if (metric.equals("lr") && positive) {
                chart.getStyler().setYAxisLogarithmic(true);
            }
            String id = "history-" + (refiner ? "refiner-" : "") + Formats.slug(metric);
            out.add(new ChartKit.Figure(id, "Training curves", caption(metric, refiner, saStarts.size() == 1), chart));
        }
        return out;
    }

    /** Fig. 8: test NME of each subset after every SA epoch, one chart per SA variant. */
    private List<ChartKit.Figure> saNme() {
        List<ChartKit.Figure> out = new ArrayList<>();
        for (RunData run : runs) {
            Map<String, Map<String, List<double[]>>> byVariant = new LinkedHashMap<>();
            for (RunData.HistoryPoint p : run.history()) {
                if (p.phase().equals(SA) && p.metric().startsWith("test_nme_") && Double.isFinite(p.value())) {
                    byVariant.computeIfAbsent(p.variant(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(p.metric().substring("test_nme_".length()), k -> new ArrayList<>())
                            .add(new double[] {p.epoch(), p.value()});
                }
            }
            byVariant.forEach((variant, bySubset) -> {
                String who = name(run, variant);
                XYChart chart = ChartKit.xy("Test NME vs SA epoch, " + who, "SA epoch", "NME (%)");
                bySubset.forEach((subset, pts) -> addLine(chart, subset, pts));
                out.add(new ChartKit.Figure("sa-nme-" + Formats.slug(who), "Training curves", "Test NME (%) of " + who
                        + " on each test subset after every Semantic Alignment epoch (as paper Fig. 8: the error should"
                        + " fall as the searched labels improve, and level off after about 10 epochs).", chart));
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
                XYChart chart = ChartKit.xy("Training labels per SA epoch, " + who, "SA epoch", "% of the normaliser");
                chart.getStyler().setYAxisMin(0.0);
                LABEL_METRICS.stream().filter(byMetric::containsKey).forEach(m -> addLine(chart, labelName(m), byMetric.get(m)));
                out.add(new ChartKit.Figure("labels-" + Formats.slug(who), "Label movement", "Training labels of " + who
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

    private static void addLine(XYChart chart, String name, List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        chart.addSeries(ChartKit.uniqueName(chart, name), sorted.stream().mapToDouble(p -> p[0]).toArray(),
                sorted.stream().mapToDouble(p -> p[1]).toArray()).setMarker(sorted.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    static String title(String metric) {
        return switch (metric) {
            case "train_loss" -> "Training loss";
            case "val_nme" -> "Validation NME";
            case "lr" -> "Learning rate";
            case "search_seconds" -> "SA search time per epoch";
            case "epoch_seconds" -> "Time per epoch";
            default -> metric.startsWith("test_nme_") ? "Test NME, " + metric.substring(9) + " subset" : metric;
        };
    }

    private static String yTitle(String metric) {
        if (metric.contains("nme")) {
            return "NME (%)";
        }
        if (metric.endsWith("_seconds")) {
            return "seconds";
        }
        return switch (metric) {
            case "train_loss" -> "loss";
            case "lr" -> "learning rate (log scale)";
            default -> metric;
        };
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
            case "train_loss" -> "Training loss per epoch, one line per variant (as paper Fig. 6: with plain training on"
                    + " human labels the loss stalls; with SA it keeps falling, as the targets become consistent).";
            case "lr" -> "Learning rate per epoch (the schedules of the baseline and SA phases).";
            default -> metric.startsWith("test_nme_") || metric.equals("val_nme")
                    ? title(metric) + " (%) per epoch, one line per variant (as paper Fig. 7: baseline vs SA w/o update"
                            + " vs SA)."
                    : "'" + metric + "' per epoch, one line per variant.";
        };
        if (refiner) {
            return "Refiner phase (GHCU or PCA): " + what;
        }
        return marked ? what + " The vertical line marks the first SA epoch; epochs before it are the baseline phase." : what;
    }
}
