package dev.sa.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Builds every table of a report from loaded runs; see README for what each one shows. */
final class ReportTables {

    /** Label-recovery metrics (paper Table 7 asks the same question: are searched labels better?). */
    static final List<String> LABEL_METRICS = List.of("label_error_human_weak", "label_error_human_strong",
            "label_error_searched_weak", "label_error_searched_strong");
    private static final List<String> LABEL_HEADERS = List.of("human weak", "human strong", "searched weak", "searched strong");
    /**
     * The weak points' shared offset from the truth (length of the mean offset per point): the part of
     * the label error that every face agrees on, which no label-cleaning method can see.
     */
    static final List<String> BIAS_METRICS = List.of("label_bias_human_weak", "label_bias_searched_weak");
    private static final List<String> BIAS_HEADERS = List.of("human weak bias", "searched weak bias");
    /** A sweep variant: {@code key=value}, e.g. {@code lambda=0.1} (Table 5) or {@code template=19} (Table 6). */
    static final Pattern SWEEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)=(\\S.*)");

    private final MetricsTable pivots;
    private final List<RunData> runs;
    private final boolean multiRun;

    ReportTables(MetricsTable pivots) {
        this.pivots = pivots;
        this.runs = pivots.runs();
        this.multiRun = runs.size() > 1;
    }

    /**
     * Every table, each in its page section: the main NME table and the comparison with the control
     * on the primary subset in the summary; the paper-style tables after it; the rest in the appendix.
     */
    List<ReportTable> all() {
        List<ReportTable> out = new ArrayList<>();
        out.add(runInfo());
        String primary = pivots.primaryTarget();
        for (String target : pivots.targets()) {
            for (String metric : pivotMetrics()) {
                if (!pivots.subsets(target, metric).isEmpty() && hasMeasured(target, metric)) {
                    ReportTable t = pivots.table(target, metric);
                    boolean main = target.equals(primary);
                    String section = metric.equals("nme") && main ? Sections.SUMMARY
                            : metric.startsWith("nme") ? (main ? Sections.ACCURACY : Sections.MORE_ACCURACY)
                            : metric.startsWith("ms_") ? Sections.SPEED
                            : main ? Sections.AUC : Sections.MORE_ACCURACY;
                    out.add(new ReportTable(t.id(), section, t.caption(), t.table(), false));
                }
            }
        }
        ControlComparison comparison = new ControlComparison(pivots, primary);
        comparison.table("difference-vs-control", Sections.COMPARISON).ifPresent(t -> {
            out.add(summaryRows(t, pivots.primarySubset(primary)));
            out.add(t);
        });
        pivots.jumps().table(multiRun).ifPresent(out::add);
        EpochTime.table(runs).ifPresent(out::add);
        GroupPivot.of(pivots).ifPresent(out::add);
        labelRecovery().ifPresent(out::add);
        out.addAll(landmarks());
        out.addAll(sweeps());
        otherMetrics().ifPresent(out::add);
        return out;
    }

    /** The comparison on the primary subset only, for the summary. */
    private static ReportTable summaryRows(ReportTable full, String subset) {
        Table rows = full.table().where(full.table().stringColumn("subset").isEqualTo(subset));
        rows.removeColumns("subset");
        return new ReportTable("summary-difference-vs-control", Sections.SUMMARY,
                full.caption().replaceFirst("^Difference against the control:", "Difference against the control on the "
                        + subset + " subset:"), rows, false);
    }

    /** nme first, then nme_<normaliser>, auc@, fr@ (by threshold), ms_per_face. */
    private List<String> pivotMetrics() {
        List<String> all = pivots.metrics();
        List<String> out = new ArrayList<>();
        if (all.contains("nme")) {
            out.add("nme");
        }
        all.stream().filter(m -> m.startsWith("nme_")).forEach(out::add);
        all.stream().filter(m -> m.startsWith("auc@")).sorted().forEach(out::add);
        all.stream().filter(m -> m.startsWith("fr@")).sorted().forEach(out::add);
        all.stream().filter(m -> m.startsWith("ms_")).forEach(out::add);
        return out;
    }

    static boolean isPivotMetric(String metric) {
        return metric.equals("nme") || metric.startsWith("nme_") || metric.startsWith("auc@")
                || metric.startsWith("fr@") || metric.startsWith("ms_");
    }

    private boolean hasMeasured(String target, String metric) {
        return runs.stream().flatMap(r -> r.metrics().stream())
                .anyMatch(m -> m.target().equals(target) && m.metric().equals(metric));
    }

    /** run-info.csv of every run side by side: key x run. */
    private ReportTable runInfo() {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.info().keySet()));
        StringColumn keyColumn = StringColumn.create("key", keys.stream().map(Words::plain).toList());
        Table table = Table.create("run info", keyColumn);
        for (RunData run : runs) {
            StringColumn column = StringColumn.create(multiRun ? run.label() : "value");
            keys.forEach(k -> column.append(run.info().getOrDefault(k, "")));
            table.addColumns(column);
        }
        String caption = runs.size() == 1
                ? "Run " + runs.get(0).label() + " (" + runs.get(0).dir() + "): settings recorded in run-info.csv."
                : "Settings recorded in each run's run-info.csv, one column per run.";
        return new ReportTable("run-info", Sections.RUNS, caption, table, false);
    }

    /** variant x {human, searched} x {weak, strong} label errors (% of the normaliser). */
    private Optional<ReportTable> labelRecovery() {
        // Several seeds: the mean over them (each seed's row in metrics.csv).
        Map<List<String>, Map<String, List<Double>>> bySeed = new LinkedHashMap<>();
        Set<String> subsets = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        Set<String> seeds = new LinkedHashSet<>();
        for (RunData run : runs) {
            for (RunData.Metric m : run.metrics()) {
                if (LABEL_METRICS.contains(m.metric()) || BIAS_METRICS.contains(m.metric())) {
                    subsets.add(m.subset());
                    targets.add(m.target());
                    seeds.add(m.seed());
                    bySeed.computeIfAbsent(List.of(run.label(), m.variant(), m.subset(), m.target()), k -> new LinkedHashMap<>())
                            .computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m.value());
                }
            }
        }
        Map<List<String>, Map<String, Double>> rows = new LinkedHashMap<>();
        bySeed.forEach((key, values) -> {
            Map<String, Double> means = new LinkedHashMap<>();
            values.forEach((metric, v) -> means.put(metric, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
            rows.put(key, means);
        });
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Table table = Table.create("label recovery");
        StringColumn run = StringColumn.create("run");
        StringColumn variant = StringColumn.create("variant");
        StringColumn subset = StringColumn.create("subset");
        StringColumn target = StringColumn.create("target");
        boolean bias = rows.values().stream().anyMatch(r -> r.keySet().stream().anyMatch(BIAS_METRICS::contains));
        List<String> metrics = new ArrayList<>(LABEL_METRICS);
        List<String> headers = new ArrayList<>(LABEL_HEADERS);
        if (bias) {
            metrics.addAll(BIAS_METRICS);
            headers.addAll(BIAS_HEADERS);
        }
        List<DoubleColumn> values = headers.stream()
                .map(h -> Formats.column(h, Formats.decimals(2))).toList();
        rows.forEach((key, byMetric) -> {
            run.append(key.get(0));
            variant.append(key.get(1));
            subset.append(key.get(2));
            target.append(key.get(3));
            for (int i = 0; i < metrics.size(); i++) {
                Double v = byMetric.get(metrics.get(i));
                if (v == null) {
                    values.get(i).appendMissing();
                } else {
                    values.get(i).append(v);
                }
            }
        });
        addIf(table, multiRun, run);
        table.addColumns(variant);
        addIf(table, subsets.size() > 1, subset);
        addIf(table, targets.size() > 1, target);
        values.forEach(table::addColumns);
        String caption = "Label recovery on " + String.join(", ", subsets) + (seeds.size() > 1 ? " (mean over "
                + seeds.size() + " seeds)" : "") + ": mean error (% of the normaliser) of the"
                + " training labels against " + String.join(", ", targets.stream().map(Captions::targetPhrase).toList())
                + ". 'human' = the annotation training started from; 'searched' = the labels y^ found by Semantic Alignment;"
                + " weak / strong = weak / strong semantic points. Searched below human means SA moved the labels toward the truth"
                + " (the question of paper Table 7)."
                + (bias ? " Bias = per weak point, the length of the labels' mean offset from the truth over all training"
                        + " faces, averaged over the weak points: the part of the error every face shares, which searching"
                        + " each face against a network trained on these labels cannot see; '–' where a row's run did not"
                        + " record it (builds before 2026-12-07)." : "");
        return Optional.of(new ReportTable("label-recovery", Sections.LABELS, caption, table, false));
    }

    private List<ReportTable> landmarks() {
        List<ReportTable> out = new ArrayList<>();
        Map<List<String>, List<RunData.LandmarkError>> groups = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (RunData.LandmarkError e : run.landmarkErrors()) {
                groups.computeIfAbsent(List.of(run.label(), e.variant(), e.subset(), e.target()), k -> new ArrayList<>()).add(e);
            }
        }
        if (groups.isEmpty()) {
            return out;
        }
        StringColumn run = StringColumn.create("run");
        StringColumn variant = StringColumn.create("variant");
        StringColumn subset = StringColumn.create("subset");
        StringColumn target = StringColumn.create("target");
        DoubleColumn weak = Formats.column("weak mean", Formats.decimals(2));
        DoubleColumn strong = Formats.column("strong mean", Formats.decimals(2));
        DoubleColumn all = Formats.column("all mean", Formats.decimals(2));
        IntColumn weakCount = IntColumn.create("weak points");
        IntColumn strongCount = IntColumn.create("strong points");
        groups.forEach((key, errors) -> {
            run.append(key.get(0));
            variant.append(key.get(1));
            subset.append(key.get(2));
            target.append(key.get(3));
            appendMean(weak, errors.stream().filter(RunData.LandmarkError::weak).toList());
            appendMean(strong, errors.stream().filter(e -> !e.weak()).toList());
            appendMean(all, errors);
            weakCount.append((int) errors.stream().filter(RunData.LandmarkError::weak).count());
            strongCount.append((int) errors.stream().filter(e -> !e.weak()).count());
        });
        Table summary = Table.create("landmarks weak vs strong");
        addIf(summary, multiRun, run);
        summary.addColumns(variant, subset, target, weak, strong, all, weakCount, strongCount);
        out.add(new ReportTable("landmarks-weak-strong", Sections.LANDMARKS, "Per-landmark NME (%) averaged over the weak"
                + " semantic points (contour, eyebrows, nose bridge: ambiguous along an edge) and over the strong ones"
                + " (corners, nose tip). SA targets the weak points (paper Sec. 3), so expect its gain there.", summary, false));
        out.add(fullLandmarkTable(groups));
        return out;
    }

    /** landmark x (run/variant/subset/target): every per-landmark NME, for a spreadsheet. */
    private ReportTable fullLandmarkTable(Map<List<String>, List<RunData.LandmarkError>> groups) {
        Map<String, Boolean> weakByLandmark = new LinkedHashMap<>();
        groups.values().forEach(list -> list.forEach(e -> weakByLandmark.putIfAbsent(e.landmark(), e.weak())));
        Table table = Table.create("landmarks full",
                StringColumn.create("landmark", weakByLandmark.keySet()),
                StringColumn.create("weak", weakByLandmark.values().stream().map(String::valueOf).toList()));
        groups.forEach((key, errors) -> {
            String name = String.join("/", multiRun ? key : key.subList(1, 4));
            DoubleColumn column = Formats.column(name, Formats.decimals(2));
            Map<String, Double> byLandmark = new LinkedHashMap<>();
            errors.forEach(e -> byLandmark.put(e.landmark(), e.nme()));
            weakByLandmark.keySet().forEach(l -> {
                Double v = byLandmark.get(l);
                if (v == null) {
                    column.appendMissing();
                } else {
                    column.append(v);
                }
            });
            table.addColumns(column);
        });
        return new ReportTable("landmarks-full", Sections.LANDMARKS, "NME (%) of every landmark, one column per"
                + " variant/subset/target.", table, true);
    }

    /** value x subset NME for variants named key=value (paper Tables 5 and 6). */
    private List<ReportTable> sweeps() {
        List<ReportTable> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> r.metrics().forEach(m -> sweepKey(m.variant()).ifPresent(keys::add)));
        for (String key : keys) {
            for (String target : pivots.targets()) {
                Table pivot = pivots.pivot(target, "nme");
                StringColumn variants = pivot.stringColumn("variant");
                Table rows = pivot.where(variants.eval(v -> sweepKey(v).map(key::equals).orElse(false)));
                if (rows.rowCount() == 0) {
                    continue;
                }
                StringColumn value = StringColumn.create(key, rows.stringColumn("variant").asList().stream()
                        .map(ReportTables::sweepValue).toList());
                Table table = Table.create("sweep " + key);
                if (multiRun) {
                    table.addColumns(rows.stringColumn("run").copy());
                }
                table.addColumns(value);
                for (var c : rows.columns()) {
                    if (c instanceof DoubleColumn numbers) {
                        DoubleColumn copy = numbers.copy();
                        copy.setPrintFormatter(Formats.forMetric("nme"));
                        table.addColumns(copy);
                    }
                }
                Table sorted = table.sortOn(sweepOrder(table, key));
                String paper = key.startsWith("lambda") || key.contains("ratio") ? " (paper Table 5: ratio sigma2^2/sigma1^2 of Eq. 8)"
                        : key.startsWith("template") ? " (paper Table 6: Gaussian template size)" : "";
                out.add(new ReportTable("sweep-" + Formats.slug(key) + "-" + Formats.slug(target), Sections.SWEEPS,
                        "NME (%) against " + Captions.targetPhrase(target) + " for each value of " + key + paper
                                + ", normalised by " + Captions.normalizerPhrase(pivots.runs()) + ". Lower is better.", sorted, false));
            }
        }
        return out;
    }

    /** Metrics no other table shows, in tidy long form, so nothing measured is silently dropped. */
    private Optional<ReportTable> otherMetrics() {
        StringColumn run = StringColumn.create("run");
        StringColumn variant = StringColumn.create("variant");
        StringColumn subset = StringColumn.create("subset");
        StringColumn target = StringColumn.create("target");
        StringColumn metric = StringColumn.create("metric");
        StringColumn value = StringColumn.create("value");
        for (RunData r : runs) {
            for (RunData.Metric m : r.metrics()) {
                if (!isPivotMetric(m.metric()) && !LABEL_METRICS.contains(m.metric())
                        && !BIAS_METRICS.contains(m.metric())) {
                    run.append(r.label());
                    variant.append(m.variant());
                    subset.append(m.subset());
                    target.append(m.target());
                    metric.append(Words.metric(m.metric()));
                    value.append(Formats.value(m.metric(), m.value()));
                }
            }
        }
        if (metric.isEmpty()) {
            return Optional.empty();
        }
        Table table = Table.create("other metrics");
        addIf(table, multiRun, run);
        table.addColumns(variant, subset, target, metric, value);
        return Optional.of(new ReportTable("other-metrics", Sections.OTHER,
                "Metrics of metrics.csv that no table above shows, as written by the app.", table, false));
    }

    static Optional<String> sweepKey(String variant) {
        Matcher m = SWEEP.matcher(variant);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String sweepValue(String variant) {
        Matcher m = SWEEP.matcher(variant);
        return m.matches() ? m.group(2).strip() : variant;
    }

    /**
     * Rows in run order (as first listed), then by numeric value where every value is a number
     * (quoted rows, "0.1 (quoted, ...)", sort by their number too, after a measured equal value).
     */
    private Comparator<tech.tablesaw.api.Row> sweepOrder(Table table, String key) {
        List<String> firstSeen = multiRun ? new ArrayList<>(new LinkedHashSet<>(table.stringColumn("run").asList())) : List.of();
        boolean numeric = table.stringColumn(key).asList().stream().allMatch(v -> isNumber(numberPart(v)));
        Comparator<tech.tablesaw.api.Row> byRun = Comparator.comparingInt(r -> multiRun ? firstSeen.indexOf(r.getString("run")) : 0);
        if (!numeric) {
            return byRun;
        }
        return byRun.thenComparingDouble((tech.tablesaw.api.Row r) -> Double.parseDouble(numberPart(r.getString(key))))
                .thenComparing(r -> r.getString(key).contains("(quoted"));
    }

    static String numberPart(String value) {
        int cut = value.indexOf(" (quoted");
        return (cut < 0 ? value : value.substring(0, cut)).strip();
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void appendMean(DoubleColumn column, List<RunData.LandmarkError> errors) {
        if (errors.isEmpty()) {
            column.appendMissing();
        } else {
            column.append(errors.stream().mapToDouble(RunData.LandmarkError::nme).average().orElseThrow());
        }
    }

    private static void addIf(Table table, boolean condition, StringColumn column) {
        if (condition) {
            table.addColumns(column);
        }
    }
}
