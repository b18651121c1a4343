package dev.sa.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Variant x subset pivots of metrics.csv, the shape of the paper's Tables 2-4 and 7-9: one row per
 * variant (per run when several runs are compared), one column per test subset, one table per
 * target and metric. Published numbers from reference.csv appear below the measured rows, labelled
 * {@code <name> (quoted, <source>)} and with a {@code source} column, never mixed into them.
 *
 * <p>This class holds the numbers: which targets, metrics and subsets occur, and the pivot itself
 * with its seed counts and jump notes. The caption's words are in {@link Captions}; reading run
 * directories and giving runs distinct labels is {@link RunLoader}'s.
 *
 * <p>For the terminal: {@code MetricsTable.load(List.of(runDir)).markdown()}.
 */
public final class MetricsTable {

    /** Subsets in the order the paper's tables list them; others follow in order of appearance. */
    private static final List<String> SUBSET_ORDER = List.of("common", "challenge", "full",
            "category1", "category2", "category3");
    /** Subsets listed last: they are not test sets. */
    private static final List<String> SUBSET_LAST = List.of("train", "val");

    /** Column with the number of seeds a row averages over. */
    static final String SEEDS_COLUMN = "n";
    /** Column naming the seeds whose training had a validation-NME jump. */
    static final String NOTE_COLUMN = "note";
    /** Marks a row built on a run with a validation-NME jump. */
    static final String JUMP_MARK = "⚠";

    private final List<RunData> runs;
    private final Jumps jumps;

    private MetricsTable(List<RunData> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs given; pass at least one run directory");
        }
        this.runs = List.copyOf(runs);
        this.jumps = Jumps.find(this.runs);
    }

    /** Pivots over already loaded runs; labels should be distinct (see {@link #load(List)}). */
    public static MetricsTable of(List<RunData> runs) {
        return new MetricsTable(runs);
    }

    /**
     * Loads run directories; runs whose folder names clash are named by run-info {@code config},
     * or numbered.
     *
     * @throws IllegalArgumentException on a missing or malformed file (message names file:line)
     */
    public static MetricsTable load(List<Path> runDirs) {
        return new MetricsTable(RunLoader.distinctLabels(runDirs.stream().map(RunData::load).toList()));
    }

    /** The runs, in the order given. */
    public List<RunData> runs() {
        return runs;
    }

    /** Targets present among measured rows, annotation first. */
    public List<String> targets() {
        Set<String> targets = new LinkedHashSet<>();
        runs.forEach(r -> r.metrics().forEach(m -> targets.add(m.target())));
        List<String> out = new ArrayList<>();
        if (targets.remove(RunData.TARGET_ANNOTATION)) {
            out.add(RunData.TARGET_ANNOTATION);
        }
        out.addAll(targets);
        return out;
    }

    /** Metric names present among measured rows, in order of first appearance. */
    public List<String> metrics() {
        Set<String> metrics = new LinkedHashSet<>();
        runs.forEach(r -> r.metrics().forEach(m -> metrics.add(m.metric())));
        return List.copyOf(metrics);
    }

    /** Subsets with a value of {@code metric} for {@code target} (measured or quoted), in table order. */
    public List<String> subsets(String target, String metric) {
        Set<String> seen = new LinkedHashSet<>();
        for (RunData run : runs) {
            for (RunData.Metric m : concat(run.metrics(), run.references())) {
                if (m.target().equals(target) && m.metric().equals(metric)) {
                    seen.add(m.subset());
                }
            }
        }
        List<String> out = new ArrayList<>();
        SUBSET_ORDER.stream().filter(seen::contains).forEach(out::add);
        seen.stream().filter(s -> !SUBSET_ORDER.contains(s) && !SUBSET_LAST.contains(s)).forEach(out::add);
        SUBSET_LAST.stream().filter(seen::contains).forEach(out::add);
        return out;
    }

    /**
     * The variant x subset pivot of one metric against one target: columns {@code run} (only when
     * several runs), {@code variant}, {@code source} (only when quoted rows exist), then one number
     * column per subset with the metric's formatter. Missing combinations are missing values.
     */
    public Table pivot(String target, String metric) {
        List<String> subsets = subsets(target, metric);
        Map<List<String>, String> sources = new HashMap<>();
        Map<List<String>, Map<String, Map<String, Double>>> rows = pivotRows(target, metric, sources);
        boolean intervals = rows.entrySet().stream().filter(r -> !sources.containsKey(r.getKey()))
                .flatMap(r -> r.getValue().values().stream()).anyMatch(bySeed -> bySeed.size() > 1);
        StringColumn runColumn = StringColumn.create("run");
        StringColumn variantColumn = StringColumn.create("variant");
        StringColumn sourceColumn = StringColumn.create("source");
        IntColumn seedColumn = IntColumn.create(SEEDS_COLUMN);
        StringColumn noteColumn = StringColumn.create(NOTE_COLUMN);
        List<DoubleColumn> valueColumns = new ArrayList<>();
        for (String subset : subsets) {
            valueColumns.add(Formats.column(subset, Formats.forMetric(metric)));
            if (intervals) {
                valueColumns.add(Formats.column(subset + " ±", Formats.forMetric(metric)));
            }
        }
        for (Map.Entry<List<String>, Map<String, Map<String, Double>>> row : rows.entrySet()) {
            runColumn.append(row.getKey().get(0));
            variantColumn.append(row.getKey().get(1));
            sourceColumn.append(sources.getOrDefault(row.getKey(), "measured"));
            Set<String> seeds = new LinkedHashSet<>();
            int column = 0;
            for (String subset : subsets) {
                Map<String, Double> bySeed = row.getValue().getOrDefault(subset, Map.of());
                seeds.addAll(bySeed.keySet());
                SeedStats.Estimate e = SeedStats.mean(bySeed.values().stream().mapToDouble(Double::doubleValue).toArray());
                append(valueColumns.get(column++), bySeed.isEmpty() ? null : e.n() == 0 ? Double.NaN : e.mean());
                if (intervals) {
                    append(valueColumns.get(column++), e.hasInterval() ? e.halfWidth() : null);
                }
            }
            if (sources.containsKey(row.getKey())) {
                seedColumn.appendMissing();
                noteColumn.append("");
            } else {
                seedColumn.append(seeds.size());
                noteColumn.append(jumpNote(row.getKey().get(0), row.getKey().get(1), seeds));
            }
        }
        Table table = Table.create(Formats.title(metric) + " vs " + target);
        if (runs.size() > 1) {
            table.addColumns(runColumn);
        }
        table.addColumns(variantColumn);
        if (!sources.isEmpty()) {
            table.addColumns(sourceColumn);
        }
        table.addColumns(seedColumn);
        valueColumns.forEach(table::addColumns);
        if (noteColumn.asList().stream().anyMatch(s -> !s.isEmpty())) {
            table.addColumns(noteColumn);
        }
        return table;
    }

    /**
     * (run, variant) -> subset -> seed -> value: measured rows first, then quoted rows keyed
     * ("paper", "name (quoted, source)"), whose sources go into {@code sources}.
     */
    private Map<List<String>, Map<String, Map<String, Double>>> pivotRows(String target, String metric,
                                                                           Map<List<String>, String> sources) {
        Map<List<String>, Map<String, Map<String, Double>>> rows = new LinkedHashMap<>();
        for (RunData run : runs) {
            for (RunData.Metric m : run.metrics()) {
                if (m.target().equals(target) && m.metric().equals(metric)) {
                    rows.computeIfAbsent(List.of(run.label(), m.variant()), k -> new HashMap<>())
                            .computeIfAbsent(m.subset(), k -> new LinkedHashMap<>()).put(m.seed(), m.value());
                }
            }
        }
        for (RunData run : runs) {
            for (RunData.Metric m : run.references()) {
                if (m.target().equals(target) && m.metric().equals(metric)) {
                    List<String> key = List.of("paper", quotedLabel(m));
                    sources.put(key, m.source());
                    // The same reference file copied into several runs must not repeat its rows.
                    rows.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(m.subset(), Map.of("", m.value()));
                }
            }
        }
        return rows;
    }

    /** "validation NME jumped (seed 7)" when a seed of this row had a jump, else "". */
    String jumpNote(String run, String variant, Set<String> seeds) {
        if (!jumps.flagged(run, variant, seeds)) {
            return "";
        }
        String which = jumps.seedsOf(run, variant, seeds);
        return JUMP_MARK + " validation NME jumped" + (which.isEmpty() ? "" : " (" + which + ")");
    }

    /** The runs' validation-NME jumps (see {@link Jumps}). */
    Jumps jumps() {
        return jumps;
    }

    private static void append(DoubleColumn column, Double value) {
        if (value == null) {
            column.appendMissing();
        } else {
            column.append(value);
        }
    }

    /** Caption naming metric, target, normaliser (from run-info.csv) and the meaning of quoted rows. */
    public String caption(String target, String metric) {
        return Captions.caption(this, target, metric);
    }

    /** The pivot as a {@link ReportTable} with id {@code <metric>-<target>}. */
    public ReportTable table(String target, String metric) {
        return new ReportTable(Formats.slug(metric.replace('@', '-')) + "-" + Formats.slug(target), Sections.ACCURACY,
                caption(target, metric), pivot(target, metric), false);
    }

    /** The main NME table of every target, as Markdown for the terminal. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        for (String target : targets()) {
            if (!subsets(target, "nme").isEmpty()) {
                out.append(table(target, "nme").markdown()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The target of the summary's main table: the true landmarks when NME against them was measured
     * (synthetic data, where the question is whether a method recovers the truth), else the annotation.
     */
    String primaryTarget() {
        boolean truth = runs.stream().flatMap(r -> r.metrics().stream())
                .anyMatch(m -> m.metric().equals("nme") && m.target().equals(RunData.TARGET_TRUTH));
        List<String> targets = targets();
        return truth ? RunData.TARGET_TRUTH : targets.isEmpty() ? RunData.TARGET_ANNOTATION : targets.get(0);
    }

    /** The subset the summary compares on: full where measured, else the first test subset. */
    String primarySubset(String target) {
        List<String> subsets = subsets(target, "nme").stream().filter(MetricsTable::isTestSubset).toList();
        return subsets.contains("full") || subsets.isEmpty() ? "full" : subsets.get(0);
    }

    /** A test subset: not train or val. */
    static boolean isTestSubset(String subset) {
        return !SUBSET_LAST.contains(subset);
    }

    static String quotedLabel(RunData.Metric m) {
        // reference.csv rows without a source get "quoted" (RunLoader); don't print it twice.
        return m.source().equals("quoted") ? m.variant() + " (quoted)" : m.variant() + " (quoted, " + m.source() + ")";
    }

    private static List<RunData.Metric> concat(List<RunData.Metric> a, List<RunData.Metric> b) {
        List<RunData.Metric> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
