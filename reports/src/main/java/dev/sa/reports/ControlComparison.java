package dev.sa.reports;

import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The "difference against the control" table (issue 15 item 2): for every variant and test subset,
 * the paired (same seed) NME difference against the control with its 95% interval, a verdict, and
 * the share of the oracle's headroom captured. The control is {@code report.control} of the run's
 * resolved-config.yaml, or {@code HGs (long)} when that is not set and the run has it. Variants named
 * {@code <group>: <role>} are compared with their own group's control and oracle.
 */
final class ControlComparison {

    static final String DEFAULT_CONTROL = "HGs (long)";
    static final String METRIC = "nme";
    static final String BETTER = "better";
    static final String WORSE = "worse";
    static final String UNDECIDED = "no detectable difference";
    static final String NO_INTERVAL = "no interval (n = 1)";
    static final String NO_HEADROOM = "no headroom";

    /** The control of one run and where its name came from. */
    record Control(String run, String variant, boolean fromConfig) {}

    /** One row: a variant on one subset against its control. */
    record Row(String run, String variant, String control, String subset, SeedStats.Estimate difference,
               Optional<SeedStats.Estimate> headroom, boolean noHeadroom, String note) {

        String verdict() {
            if (!difference.hasInterval()) {
                return NO_INTERVAL;
            }
            return difference.high() < 0 ? BETTER : difference.low() > 0 ? WORSE : UNDECIDED;
        }
    }

    private final MetricsTable pivots;
    private final String target;
    private final List<Control> controls = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when a run's report.control names no variant of its
     *     metrics.csv; the message names the config file and the valid names
     */
    ControlComparison(MetricsTable pivots, String target) {
        this.pivots = pivots;
        this.target = target;
        List<String> subsets = pivots.subsets(target, METRIC).stream().filter(MetricsTable::isTestSubset).toList();
        for (RunData run : pivots.runs()) {
            Map<String, Map<String, Map<String, Double>>> values = values(run);
            Optional<Control> control = control(run, values.keySet());
            control.ifPresent(controls::add);
            control.ifPresent(c -> compare(run, c.variant(), values, subsets));
        }
    }

    List<Control> controls() {
        return controls;
    }

    List<Row> rows() {
        return rows;
    }

    String target() {
        return target;
    }

    /** variant -> subset -> seed -> NME, measured rows of the target only. */
    private Map<String, Map<String, Map<String, Double>>> values(RunData run) {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (RunData.Metric m : run.metrics()) {
            if (m.metric().equals(METRIC) && m.target().equals(target)) {
                out.computeIfAbsent(m.variant(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m.subset(), k -> new LinkedHashMap<>()).put(m.seed(), m.value());
            }
        }
        return out;
    }

    private static Optional<Control> control(RunData run, Set<String> variants) {
        if (!run.control().isEmpty()) {
            boolean grouped = variants.stream().anyMatch(v -> GroupPivot.split(v).map(p -> p.get(1).equals(run.control())).orElse(false));
            if (!variants.contains(run.control()) && !grouped) {
                Path config = run.dir().resolve(RunLoader.CONFIG);
                throw new IllegalArgumentException(config + ": report.control = '" + run.control()
                        + "' is not a variant of this run; valid: " + String.join(", ", variants));
            }
            return Optional.of(new Control(run.label(), run.control(), true));
        }
        boolean present = variants.contains(DEFAULT_CONTROL)
                || variants.stream().anyMatch(v -> GroupPivot.split(v).map(p -> p.get(1).equals(DEFAULT_CONTROL)).orElse(false));
        return present ? Optional.of(new Control(run.label(), DEFAULT_CONTROL, false)) : Optional.empty();
    }

    private void compare(RunData run, String controlRole, Map<String, Map<String, Map<String, Double>>> values,
                         List<String> subsets) {
        for (String variant : values.keySet()) {
            String control = partner(variant, controlRole, values.keySet());
            if (control == null || variant.equals(control) || isReference(variant)) {
                continue;
            }
            String oracle = oracle(variant, values.keySet());
            for (String subset : subsets) {
                Map<String, Double> v = values.get(variant).get(subset);
                Map<String, Double> c = values.get(control).get(subset);
                if (v == null || c == null) {
                    continue;
                }
                SeedStats.Estimate difference = SeedStats.pairedDifference(v, c);
                Optional<SeedStats.Estimate> headroom = Optional.empty();
                boolean noHeadroom = false;
                Map<String, Double> o = oracle == null || oracle.equals(variant) ? null : values.get(oracle).get(subset);
                if (o != null) {
                    SeedStats.Estimate oracleGain = SeedStats.pairedDifference(o, c);
                    noHeadroom = oracleGain.hasInterval() && !oracleGain.excludesZero();
                    headroom = Optional.of(SeedStats.headroom(v, c, o));
                }
                Set<String> seeds = new LinkedHashSet<>(SeedStats.commonSeeds(v, c));
                String note = pivots.jumpNote(run.label(), variant, seeds);
                if (note.isEmpty()) {
                    note = pivots.jumpNote(run.label(), control, seeds).isEmpty() ? "" : MetricsTable.JUMP_MARK + " control's validation NME jumped";
                }
                rows.add(new Row(run.label(), variant, control, subset, difference, headroom, noHeadroom, note));
            }
        }
    }

    /** The variant playing {@code role} in the group of {@code variant} (or ungrouped), or null. */
    private static String partner(String variant, String role, Set<String> variants) {
        Optional<List<String>> parts = GroupPivot.split(variant);
        if (parts.isPresent()) {
            String grouped = parts.get().get(0) + ": " + role;
            if (variants.contains(grouped)) {
                return grouped;
            }
        }
        return variants.contains(role) ? role : null;
    }

    /** The oracle (a variant whose name, or role in a group, starts with "oracle"), or null. */
    private static String oracle(String variant, Set<String> variants) {
        Optional<List<String>> parts = GroupPivot.split(variant);
        for (String v : variants) {
            Optional<List<String>> p = GroupPivot.split(v);
            String role = p.map(l -> l.get(1)).orElse(v);
            boolean sameGroup = parts.map(l -> p.map(q -> q.get(0).equals(l.get(0))).orElse(false)).orElse(p.isEmpty());
            if (sameGroup && role.toLowerCase(Locale.ROOT).startsWith("oracle")) {
                return v;
            }
        }
        return null;
    }

    /** The mean-shape predictor: a reference line, not a method to compare. */
    static boolean isReference(String variant) {
        return variant.toLowerCase(Locale.ROOT).startsWith("mean-shape");
    }

    /** The table, or empty when no run has a control. */
    Optional<ReportTable> table(String id, String section) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        boolean multiRun = pivots.runs().size() > 1;
        DecimalFormat f = Formats.format(2);
        StringColumn run = StringColumn.create("run");
        StringColumn variant = StringColumn.create("variant");
        StringColumn control = StringColumn.create("control");
        StringColumn subset = StringColumn.create("subset");
        IntColumn n = IntColumn.create("n (paired seeds)");
        DoubleColumn difference = Formats.column("difference (NME points)", Formats.decimals(2));
        StringColumn interval = StringColumn.create("95% CI of the difference");
        StringColumn verdict = StringColumn.create("verdict");
        StringColumn headroom = StringColumn.create("headroom captured (%)");
        StringColumn headroomInterval = StringColumn.create("95% CI of headroom captured");
        StringColumn note = StringColumn.create(MetricsTable.NOTE_COLUMN);
        for (Row r : rows) {
            run.append(r.run());
            variant.append(r.variant());
            control.append(r.control());
            subset.append(r.subset());
            n.append(r.difference().n());
            difference.append(r.difference().mean());
            interval.append(interval(r.difference(), f));
            verdict.append(r.verdict());
            headroom.append(r.headroom().isEmpty() ? "" : r.noHeadroom() ? NO_HEADROOM : Formats.format(0).format(r.headroom().get().mean()));
            headroomInterval.append(r.headroom().isEmpty() || r.noHeadroom() ? "" : interval(r.headroom().get(), Formats.format(0)));
            note.append(r.note());
        }
        Table table = Table.create("difference against the control");
        if (multiRun) {
            table.addColumns(run);
        }
        table.addColumns(variant);
        if (control.unique().size() > 1) {
            table.addColumns(control);
        }
        table.addColumns(subset, n, difference, interval, verdict);
        if (rows.stream().anyMatch(r -> r.headroom().isPresent())) {
            table.addColumns(headroom, headroomInterval);
        }
        if (note.asList().stream().anyMatch(s -> !s.isEmpty())) {
            table.addColumns(note);
        }
        return Optional.of(new ReportTable(id, section, caption(), table, false));
    }

    /** "[low, high]", or a dash without one (the verdict column says why). */
    private static String interval(SeedStats.Estimate e, DecimalFormat f) {
        return e.hasInterval() ? "[" + f.format(e.low()) + ", " + f.format(e.high()) + "]" : TableText.MISSING;
    }

    String caption() {
        StringBuilder out = new StringBuilder("Difference against the control: NME (% of ")
                .append(Captions.normalizerPhrase(pivots.runs())).append(") of each variant minus that of ").append(controlPhrase())
                .append(", against ").append(Captions.targetPhrase(target))
                .append(", paired by training seed; negative is better. The verdict is 'better' or 'worse' when the 95% "
                        + "Student t interval of the paired difference excludes 0, else 'no detectable difference'.");
        if (rows.stream().anyMatch(r -> r.headroom().isPresent())) {
            out.append(" Headroom captured = (control - variant) / (control - oracle), in %: the share of the oracle's"
                    + " gain (training on the true labels) that the variant achieves, with a bootstrap 95% interval over"
                    + " seeds; 'no headroom' when the oracle's own gain has an interval that includes 0.");
        }
        if (rows.stream().noneMatch(r -> r.difference().hasInterval())) {
            out.append(" With one seed (n = 1) no interval exists, so no difference can be called better or worse.");
        }
        return out.append(" The mean-shape reference is left out.").toString();
    }

    /** "HGs (long) (named by report.control in ...)" or "HGs (long) (the default: report.control is not set)". */
    String controlPhrase() {
        Set<String> phrases = new LinkedHashSet<>();
        for (Control c : controls) {
            phrases.add(c.variant() + (c.fromConfig() ? " (named by report.control in " + RunLoader.CONFIG + ")"
                    : " (the default: report.control is not set in " + RunLoader.CONFIG + ")"));
        }
        return String.join("; ", phrases);
    }
}
