package dev.sa.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the files of one run directory into a {@link RunData} (see {@link RunData#load(Path)}), and
 * gives the runs of one report distinct labels.
 */
final class RunLoader {

    static final String METRICS = "metrics.csv";
    static final String RUN_INFO = "run-info.csv";
    static final String ERRORS = "errors.csv";
    static final String LANDMARKS = "landmark-errors.csv";
    static final String HISTORY = "history.csv";
    static final String REFERENCE = "reference.csv";
    static final String FIGURES = "figures";
    static final String CONFIG = "resolved-config.yaml";

    private static final List<String> METRIC_COLUMNS = List.of("variant", "subset", "target", "metric", "value");

    private RunLoader() {}

    static RunData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory; give a run directory that holds " + METRICS);
        }
        Path metricsFile = dir.resolve(METRICS);
        if (!Files.isRegularFile(metricsFile)) {
            throw new IllegalArgumentException(metricsFile + ": missing; a run directory needs " + METRICS
                    + " (columns " + String.join(",", METRIC_COLUMNS) + "), written by 'sa run' or 'sa evaluate'");
        }
        List<RunData.Metric> metrics = metrics(metricsFile, false);
        Path referenceFile = dir.resolve(REFERENCE);
        List<RunData.Metric> references = Files.isRegularFile(referenceFile) ? metrics(referenceFile, true) : List.of();
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return new RunData(name == null ? dir.toString() : name.toString(), dir, info(dir.resolve(RUN_INFO)),
                metrics, references, faceErrors(dir.resolve(ERRORS)), landmarkErrors(dir.resolve(LANDMARKS)),
                history(dir.resolve(HISTORY)), figures(dir.resolve(FIGURES)), control(dir.resolve(CONFIG)));
    }

    private static List<RunData.Metric> metrics(Path file, boolean quoted) {
        List<String> columns = new ArrayList<>(METRIC_COLUMNS);
        if (quoted) {
            columns.add("source");
        }
        List<RunData.Metric> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvFile.Row row : CsvFile.read(file, columns)) {
            String source = quoted ? row.optionalText("source") : "";
            if (quoted && source.isEmpty()) {
                source = "quoted";
            }
            String seed = quoted ? "" : seed(file, row);
            RunData.Metric m = new RunData.Metric(row.text("variant"), row.text("subset"),
                    row.text("target").toLowerCase(Locale.ROOT), row.text("metric"), row.number("value"), source, seed,
                    faces(row));
            String key = String.join("\u0000", m.variant(), m.subset(), m.target(), m.metric(), m.source(), m.seed());
            Integer earlier = seen.putIfAbsent(key, row.line());
            if (earlier != null) {
                throw CsvFile.error(file, row.line(), "repeats variant '" + m.variant() + "', subset '" + m.subset()
                        + "', target '" + m.target() + "', metric '" + m.metric() + "'"
                        + (m.seed().isEmpty() ? "" : ", seed " + m.seed()) + " of line " + earlier
                        + "; each combination may appear once (a run with several seeds needs a seed column)");
            }
            out.add(m);
        }
        return out;
    }

    /** The optional {@code faces} column: a whole number, or -1 when the column is absent or blank. */
    private static int faces(CsvFile.Row row) {
        return row.optionalText("faces").isEmpty() ? -1 : row.integer("faces");
    }

    /** The optional {@code seed} column: an integer, or "" when the column is absent or blank. */
    private static String seed(Path file, CsvFile.Row row) {
        String seed = row.optionalText("seed");
        if (!seed.isEmpty() && !seed.matches("-?\\d{1,19}")) {
            throw CsvFile.error(file, row.line(), "seed = '" + seed + "' is not an integer; the seed column holds the"
                    + " training seed of the row (e.g. 42), or is left out for a one-seed run");
        }
        return seed;
    }

    /** {@code report.control} of the run's config copy, or "" when the file or the key is absent. */
    static String control(Path file) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML (" + e.getOriginalMessage()
                    + "); the report reads report.control from this copy of the run's config");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode control = root == null ? null : root.path("report").get("control");
        if (control == null || control.isNull() || control.isTextual() && control.asText().isBlank()) {
            return "";   // the default: 'HGs (long)' when the run has it
        }
        if (!control.isTextual()) {
            throw new IllegalArgumentException(file + ": report.control = " + control
                    + " is not a variant name; give the name of the variant to compare against, e.g. 'HGs (long)'");
        }
        return control.asText().strip();
    }

    private static Map<String, String> info(Path file) {
        Map<String, String> info = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            for (CsvFile.Row row : CsvFile.read(file, List.of("key", "value"))) {
                info.put(row.text("key"), row.optionalText("value"));
            }
        }
        return info;
    }

    private static List<RunData.FaceError> faceErrors(Path file) {
        List<RunData.FaceError> out = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (CsvFile.Row row : CsvFile.read(file, List.of("variant", "subset", "target", "face", "nme"))) {
                double nme = row.number("nme");
                if (nme < 0) {
                    throw CsvFile.error(file, row.line(), "nme = " + nme + " is negative; a per-face error is a fraction >= 0 (0.05 = 5 %)");
                }
                out.add(new RunData.FaceError(row.text("variant"), row.text("subset"),
                        row.text("target").toLowerCase(Locale.ROOT), row.text("face"), nme));
            }
        }
        return out;
    }

    private static List<RunData.LandmarkError> landmarkErrors(Path file) {
        List<RunData.LandmarkError> out = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (CsvFile.Row row : CsvFile.read(file, List.of("variant", "subset", "target", "landmark", "weak", "nme"))) {
                out.add(new RunData.LandmarkError(row.text("variant"), row.text("subset"),
                        row.text("target").toLowerCase(Locale.ROOT), row.text("landmark"), row.bool("weak"), row.number("nme")));
            }
        }
        return out;
    }

    private static List<RunData.HistoryPoint> history(Path file) {
        List<RunData.HistoryPoint> out = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (CsvFile.Row row : CsvFile.read(file, List.of("variant", "phase", "epoch", "metric", "value"))) {
                int epoch = row.integer("epoch");
                if (epoch < 0) {
                    throw CsvFile.error(file, row.line(), "epoch = " + epoch + " is negative; epochs count from 0 or 1");
                }
                out.add(new RunData.HistoryPoint(row.text("variant"), row.text("phase").toLowerCase(Locale.ROOT),
                        epoch, row.text("metric"), row.number("value"), seed(file, row)));
            }
        }
        return out;
    }

    private static List<Path> figures(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Keeps folder names where unique; clashing ones become run-info 'config' or get "#2", "#3". */
    static List<RunData> distinctLabels(List<RunData> runs) {
        Map<String, Long> counts = runs.stream().collect(Collectors.groupingBy(RunData::label, Collectors.counting()));
        Set<String> used = new LinkedHashSet<>();
        List<RunData> out = new ArrayList<>();
        for (RunData run : runs) {
            String label = run.label();
            if (counts.get(label) > 1 && !run.info().getOrDefault("config", "").isBlank()) {
                label = run.info().get("config");
            }
            String candidate = label;
            for (int n = 2; used.contains(candidate); n++) {
                candidate = label + " #" + n;
            }
            used.add(candidate);
            out.add(candidate.equals(run.label()) ? run : run.withLabel(candidate));
        }
        return out;
    }
}
