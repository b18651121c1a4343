package dev.sa.reports;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the report reads from one run directory (see README: metrics.csv is required, the
 * other files are optional). Rows keep the order of the files, which is the order the app ran the
 * variants in, so tables list variants in config order.
 *
 * @param label how the run is named in comparisons: the folder name unless the builder renamed it
 * @param dir the run directory
 * @param info key/value pairs of run-info.csv (dataset, normalizer, noise, config, created, ...)
 * @param metrics measured rows of metrics.csv
 * @param references published numbers of reference.csv, each with a non-empty source
 * @param faceErrors per-face errors of errors.csv (fractions), for CED curves
 * @param landmarkErrors per-landmark mean NME of landmark-errors.csv (percent)
 * @param history per-epoch values of history.csv
 * @param figures PNG files found under figures/, sorted
 * @param control the variant named by {@code report.control} in the run's resolved-config.yaml,
 *     or "" when not set (the comparison then defaults to {@code HGs (long)} where present)
 */
public record RunData(String label, Path dir, Map<String, String> info, List<Metric> metrics,
                      List<Metric> references, List<FaceError> faceErrors,
                      List<LandmarkError> landmarkErrors, List<HistoryPoint> history,
                      List<Path> figures, String control) {

    /** Target {@code annotation}: errors against the human labels, as every published table. */
    public static final String TARGET_ANNOTATION = "annotation";
    /** Target {@code truth}: errors against the known true landmarks (synthetic data only). */
    public static final String TARGET_TRUTH = "truth";

    public RunData {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(dir, "dir");
        info = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(info));
        metrics = List.copyOf(metrics);
        references = List.copyOf(references);
        faceErrors = List.copyOf(faceErrors);
        landmarkErrors = List.copyOf(landmarkErrors);
        history = List.copyOf(history);
        figures = List.copyOf(figures);
        control = control == null ? "" : control.strip();
    }

    /**
     * Reads a run directory.
     *
     * @throws IllegalArgumentException when the directory or its metrics.csv is missing, or a file
     *     is malformed; the message names the file and line and what is valid
     */
    public static RunData load(Path dir) {
        return RunLoader.load(dir);
    }

    /** The same run under another label (used when two run folders share a name). */
    public RunData withLabel(String newLabel) {
        return new RunData(newLabel, dir, info, metrics, references, faceErrors, landmarkErrors, history, figures, control);
    }

    /** The normaliser named in run-info.csv ({@code normalizer}), or "" when not recorded. */
    public String normalizer() {
        return info.getOrDefault("normalizer", "");
    }

    /**
     * One value of metrics.csv or reference.csv.
     *
     * @param source "" for a measured row; the citation (e.g. {@code CVPR18}) for a quoted one
     * @param seed the training seed of a measured row ({@code seed} column of metrics.csv), or ""
     *     when the file has no seed column (a one-seed run, read as n = 1)
     * @param faces how many faces the value is computed over ({@code faces} column of metrics.csv:
     *     a mean NME leaves out the faces without a valid NME), or -1 when not recorded
     */
    public record Metric(String variant, String subset, String target, String metric, double value, String source,
                         String seed, int faces) {
        public Metric {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(subset, "subset");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(metric, "metric");
            source = source == null ? "" : source;
            seed = seed == null ? "" : seed;
        }

        /** A row without a face count. */
        public Metric(String variant, String subset, String target, String metric, double value, String source,
                String seed) {
            this(variant, subset, target, metric, value, source, seed, -1);
        }

        /** A row without a seed (one-seed run or quoted row). */
        public Metric(String variant, String subset, String target, String metric, double value, String source) {
            this(variant, subset, target, metric, value, source, "");
        }

        /** Whether this is a published number quoted from a paper rather than measured here. */
        public boolean quoted() {
            return !source.isEmpty();
        }
    }

    /** Normalised error of one face (a fraction: 0.05 is 5 % of the normaliser). */
    public record FaceError(String variant, String subset, String target, String face, double nme) {
        public FaceError {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(subset, "subset");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(face, "face");
        }
    }

    /** Mean NME (percent) of one landmark, and whether it is a weak semantic point (paper Sec. 3). */
    public record LandmarkError(String variant, String subset, String target, String landmark, boolean weak, double nme) {
        public LandmarkError {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(subset, "subset");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(landmark, "landmark");
        }
    }

    /**
     * One logged value of a training phase ({@code baseline}, {@code sa}, {@code refiner}).
     *
     * @param seed the training seed ({@code seed} column of history.csv), or "" when not recorded
     */
    public record HistoryPoint(String variant, String phase, int epoch, String metric, double value, String seed) {
        public HistoryPoint {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(metric, "metric");
            seed = seed == null ? "" : seed;
        }

        /** A point of a run without seeds. */
        public HistoryPoint(String variant, String phase, int epoch, String metric, double value) {
            this(variant, phase, epoch, metric, value, "");
        }

        /** The epoch this value belongs to. */
        public Epoch at() {
            return new Epoch(variant, seed, phase, epoch);
        }
    }

    /** One logged epoch of a variant's phase, for one seed ("" without seeds). */
    public record Epoch(String variant, String seed, String phase, int epoch) {}

    /** history.csv by epoch: each logged epoch's metrics (metric -> value), in the file's order. */
    public Map<Epoch, Map<String, Double>> historyByEpoch() {
        Map<Epoch, Map<String, Double>> out = new LinkedHashMap<>();
        for (HistoryPoint p : history) {
            out.computeIfAbsent(p.at(), k -> new LinkedHashMap<>()).put(p.metric(), p.value());
        }
        return out;
    }
}
