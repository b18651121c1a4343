package dev.sa.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * The words of a {@link MetricsTable} pivot's caption: which metric against which target, the
 * normaliser each run recorded, what n and ± mean, how many faces each mean has, and what quoted
 * rows are. Also the reader-facing phrases for targets and normalisers that other tables' captions
 * share. The numbers themselves come from {@link MetricsTable}.
 */
final class Captions {

    private Captions() {}

    /** Metric row (metrics.csv) counting the faces a mean NME left out for having no valid NME. */
    static final String WITHOUT_NME = "faces_without_nme";

    /** Caption naming metric, target, normaliser (from run-info.csv) and the meaning of quoted rows. */
    static String caption(MetricsTable pivots, String target, String metric) {
        StringBuilder out = new StringBuilder(Formats.title(metric));
        if (metric.startsWith("ms_")) {
            out.append(" on each subset (target ").append(target).append(')');
        } else {
            out.append(metric.startsWith("nme_") ? ", against " : " against ").append(targetPhrase(target));
        }
        if (metric.equals("nme") || metric.startsWith("auc@") || metric.startsWith("fr@")) {
            out.append(", normalised by ").append(normalizerPhrase(pivots.runs()));
        }
        out.append('.');
        if (metric.startsWith("nme") || metric.startsWith("fr@")) {
            out.append(" Lower is better.");
        } else if (metric.startsWith("auc@")) {
            out.append(" Higher is better.");
        }
        out.append(' ').append(seedSentence(pivots.pivot(target, metric)));
        out.append(facesSentence(pivots, target, metric));
        boolean quoted = pivots.runs().stream().flatMap(r -> r.references().stream())
                .anyMatch(m -> m.target().equals(target) && m.metric().equals(metric));
        if (quoted) {
            out.append(" Rows marked \"(quoted, ...)\" are published numbers copied from reference.csv, not measured in this run;"
                    + " they come from other data and protocols unless the run used the paper's data.");
        }
        return out.toString();
    }

    /**
     * How many faces each mean has (the {@code faces} column of metrics.csv): the count per subset
     * and every variant whose mean left out faces without a valid NME (those count as failures in
     * AUC and the failure rates). Empty when the runs did not record counts.
     */
    static String facesSentence(MetricsTable pivots, String target, String metric) {
        Map<String, Set<Integer>> bySubset = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        for (RunData run : pivots.runs()) {
            for (RunData.Metric m : run.metrics()) {
                if (!m.target().equals(target) || m.faces() < 0) {
                    continue;
                }
                if (m.metric().equals(metric)) {
                    bySubset.computeIfAbsent(m.subset(), k -> new TreeSet<>()).add(m.faces());
                } else if (m.metric().equals(WITHOUT_NME) && metric.startsWith("nme") && m.value() > 0) {
                    leftOut.add(m.variant() + " on " + m.subset() + (m.seed().isEmpty() ? "" : " (seed " + m.seed() + ")")
                            + ": " + Formats.format(0).format(m.value()) + " of " + m.faces());
                }
            }
        }
        if (bySubset.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" Faces per cell: ");
        String sep = "";
        for (String subset : pivots.subsets(target, metric)) {
            Set<Integer> counts = bySubset.get(subset);
            if (counts != null) {
                List<Integer> sorted = new ArrayList<>(counts);
                out.append(sep).append(subset).append(' ').append(sorted.get(0))
                        .append(sorted.size() > 1 ? "-" + sorted.get(sorted.size() - 1) : "");
                sep = ", ";
            }
        }
        out.append('.');
        if (!leftOut.isEmpty()) {
            out.append(" Faces without a valid NME, left out of the mean and counted as failures in AUC and FR: ")
                    .append(String.join("; ", leftOut)).append('.');
        }
        return out.toString();
    }

    /**
     * What n and ± mean in a pivot: with several seeds, each cell is the mean over the seeds and ±
     * is half its 95% Student t interval; with one seed, that no interval exists. Names the jump
     * note when the table has one.
     */
    static String seedSentence(Table pivot) {
        boolean intervals = pivot.columnNames().stream().anyMatch(c -> c.endsWith(" ±"));
        String out = intervals
                ? "Each cell is the mean over n training seeds; ± is half the width of its 95% confidence interval"
                        + " (Student t); a cell without ± has one seed."
                : "n = 1: one training seed per variant, so no confidence interval exists and a difference between"
                        + " rows cannot be told apart from seed-to-seed noise.";
        if (pivot.columnNames().contains(MetricsTable.NOTE_COLUMN)) {
            out += " " + MetricsTable.JUMP_MARK + " marks a row built on a run whose validation NME rose by more than 50% from one"
                    + " epoch to the next (see the training jumps table).";
        }
        return out;
    }

    /** "inter-pupil distance" or a per-run list when runs differ; says so when not recorded. */
    static String normalizerPhrase(List<RunData> runs) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (RunData run : runs) {
            String name = run.normalizer().isEmpty() ? "an unrecorded normaliser (run-info.csv has no 'normalizer')"
                    : normalizerName(run.normalizer());
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(run.label());
        }
        if (byName.size() == 1) {
            return byName.keySet().iterator().next();
        }
        return byName.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }

    /** "the inter-pupil distance" for the usual names; any other name as written. */
    static String normalizerName(String normalizer) {
        return switch (normalizer.toLowerCase(Locale.ROOT)) {
            case "inter-pupil", "interpupil", "inter_pupil" -> "the inter-pupil distance";
            case "inter-ocular", "interocular", "inter_ocular" -> "the inter-ocular (outer eye corner) distance";
            case "face-size", "face_size", "facesize", "bbox", "box" -> "the face size";
            default -> "the " + normalizer + " normaliser";
        };
    }

    /** "the human annotation", "the true landmarks (...)" or "target '<name>'". */
    static String targetPhrase(String target) {
        return switch (target) {
            case RunData.TARGET_ANNOTATION -> "the human annotation";
            case RunData.TARGET_TRUTH -> "the true landmarks (known for synthetic data only)";
            default -> "target '" + target + "'";
        };
    }
}
