package dev.sa.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The group x variant pivot ({@code tables/pivot.csv}): for variants named {@code <group>: <role>}
 * (split at the last ": "), such as the ambiguity benchmark's {@code independent: HGs+SA}, one row
 * per group and per role the columns
 * <ul>
 *   <li>{@code NME <role>}: NME on subset full against the truth when the run has NME against the
 *       truth, else against the annotation;</li>
 *   <li>{@code headroom captured <role>}: {@code headroom_captured} on full (target truth), for the
 *       roles that have it;</li>
 *   <li>{@code label error human weak/strong} (once per group) and {@code label error searched weak <role>} ... the
 *       label-recovery metrics on subset train (target truth) of the SA roles, where measured.</li>
 * </ul>
 * Only measured rows are used (never reference.csv), and a missing value stays missing. The table
 * exists only when at least two distinct groups occur. Several runs are kept apart the way the other
 * tables keep them: rows are keyed by run and group, with a leading {@code run} column.
 */
final class GroupPivot {

    static final String ID = "pivot";
    static final String SECTION = Sections.GROUPS;
    static final String SUBSET = "full";
    static final String LABEL_SUBSET = "train";
    static final String HEADROOM = "headroom_captured";
    private static final List<String> LABEL_HEADERS = List.of("label error human weak", "label error human strong",
            "label error searched weak", "label error searched strong");
    /** A role that runs Semantic Alignment: "SA" as a '+' or space separated part, e.g. {@code HGs+SA w/o update}. */
    private static final Pattern SA_ROLE = Pattern.compile("(?:^|.*[+\\s])SA(?:[+\\s].*|$)");

    private GroupPivot() {}

    /**
     * {@code [group, role]} of a variant named {@code <group>: <role>}, split at the last ": " outside
     * parentheses (so the app's {@code mean-shape (independent: HGs)} row is no group); empty otherwise.
     */
    static Optional<List<String>> split(String variant) {
        int cut = -1;
        int depth = 0;
        for (int i = 0; i < variant.length(); i++) {
            char ch = variant.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth = Math.max(0, depth - 1);
            } else if (ch == ':' && depth == 0 && i + 1 < variant.length() && variant.charAt(i + 1) == ' ') {
                cut = i;
            }
        }
        if (cut < 0) {
            return Optional.empty();
        }
        String group = variant.substring(0, cut).strip();
        String role = variant.substring(cut + 2).strip();
        return group.isEmpty() || role.isEmpty() ? Optional.empty() : Optional.of(List.of(group, role));
    }

    static boolean isSaRole(String role) {
        return SA_ROLE.matcher(role).matches();
    }

    /** The target of a run's NME columns: truth when the run has NME against the truth, else annotation. */
    static String nmeTarget(RunData run) {
        return run.metrics().stream().anyMatch(m -> m.metric().equals("nme") && m.target().equals(RunData.TARGET_TRUTH))
                ? RunData.TARGET_TRUTH : RunData.TARGET_ANNOTATION;
    }

    /** The pivot, or empty when fewer than two groups occur among the measured variants. */
    static Optional<ReportTable> of(MetricsTable pivots) {
        List<RunData> runs = pivots.runs();
        Cells cells = Cells.of(runs);
        if (cells.groups().size() < 2) {
            return Optional.empty();
        }
        Table table = table(cells, columns(cells), runs.size() > 1);
        return Optional.of(new ReportTable(ID, SECTION, caption(pivots, runs, cells.rowTargets(),
                !cells.headroomRoles().isEmpty(), !cells.labelColumns().isEmpty()), table, false));
    }

    /**
     * The measured values the pivot shows, gathered over the runs: (run, group) -> role -> metric
     * key -> value, rows in first-seen order, with each row's NME target and which roles have
     * headroom and label-error columns.
     */
    private record Cells(Set<String> groups, Set<String> roles, Set<String> headroomRoles,
                         Set<List<String>> labelColumns, Map<List<String>, Map<String, Map<String, Double>>> rows,
                         Map<List<String>, String> rowTargets) {

        static Cells of(List<RunData> runs) {
            Cells out = new Cells(new LinkedHashSet<>(), new LinkedHashSet<>(), new HashSet<>(), new HashSet<>(),
                    new LinkedHashMap<>(), new HashMap<>());
            for (RunData run : runs) {
                String target = nmeTarget(run);
                for (RunData.Metric m : run.metrics()) {
                    Optional<List<String>> parts = split(m.variant());
                    if (parts.isPresent()) {
                        out.add(run, target, parts.get().get(0), parts.get().get(1), m);
                    }
                }
            }
            return out;
        }

        private void add(RunData run, String target, String group, String role, RunData.Metric m) {
            groups.add(group);
            roles.add(role);
            List<String> key = List.of(run.label(), group);
            rowTargets.put(key, target);
            Map<String, Double> cells = rows.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(role, k -> new HashMap<>());
            if (m.metric().equals("nme") && m.subset().equals(SUBSET) && m.target().equals(target)) {
                cells.put("nme", m.value());
            } else if (m.metric().equals(HEADROOM) && m.subset().equals(SUBSET)
                    && m.target().equals(RunData.TARGET_TRUTH)) {
                cells.put(HEADROOM, m.value());
                headroomRoles.add(role);
            } else if (ReportTables.LABEL_METRICS.contains(m.metric()) && m.subset().equals(LABEL_SUBSET)
                    && m.target().equals(RunData.TARGET_TRUTH) && isSaRole(role)) {
                cells.put(m.metric(), m.value());
                labelColumns.add(List.of(role, m.metric()));
            }
        }
    }

    /** Columns: [role, metric key, header] in the documented order. */
    private static List<List<String>> columns(Cells cells) {
        Set<String> roles = cells.roles();
        List<List<String>> columns = new ArrayList<>();
        roles.forEach(r -> columns.add(List.of(r, "nme", "NME " + r)));
        roles.stream().filter(cells.headroomRoles()::contains)
                .forEach(r -> columns.add(List.of(r, HEADROOM, "headroom captured " + r)));
        // The human labels' error is the same for every SA role of a group: one pair of columns,
        // read from the first SA role that has it; the searched labels' error per SA role.
        for (int i = 0; i < 2; i++) {
            String metric = ReportTables.LABEL_METRICS.get(i);
            roles.stream().filter(r -> cells.labelColumns().contains(List.of(r, metric))).findFirst()
                    .ifPresent(r -> columns.add(List.of(r, metric, LABEL_HEADERS.get(metric.endsWith("weak") ? 0 : 1))));
        }
        for (String r : roles) {
            for (int i = 2; i < ReportTables.LABEL_METRICS.size(); i++) {
                String metric = ReportTables.LABEL_METRICS.get(i);
                if (cells.labelColumns().contains(List.of(r, metric))) {
                    columns.add(List.of(r, metric, LABEL_HEADERS.get(i) + " " + r));
                }
            }
        }
        return columns;
    }

    /** The pivot's rows under {@code columns}: run (several runs only), group, NME target (when mixed), values. */
    private static Table table(Cells cells, List<List<String>> columns, boolean multiRun) {
        Set<String> targets = new LinkedHashSet<>(cells.rowTargets().values());
        StringColumn runColumn = StringColumn.create("run");
        StringColumn groupColumn = StringColumn.create("group");
        StringColumn targetColumn = StringColumn.create("NME target");
        Set<String> used = new HashSet<>();
        List.of("run", "group", "NME target").forEach(n -> used.add(n.toLowerCase(Locale.ROOT)));
        List<DoubleColumn> values = new ArrayList<>();
        for (List<String> c : columns) {
            String metric = c.get(1);
            values.add(Formats.column(unique(c.get(2), used), Formats.forMetric(metric)));
        }
        cells.rows().forEach((key, byRole) -> {
            runColumn.append(key.get(0));
            groupColumn.append(key.get(1));
            targetColumn.append(cells.rowTargets().get(key));
            for (int i = 0; i < columns.size(); i++) {
                Double v = byRole.getOrDefault(columns.get(i).get(0), Map.of()).get(columns.get(i).get(1));
                if (v == null) {
                    values.get(i).appendMissing();
                } else {
                    values.get(i).append(v);
                }
            }
        });
        Table table = Table.create("group x variant pivot");
        if (multiRun) {
            table.addColumns(runColumn);
        }
        table.addColumns(groupColumn);
        if (targets.size() > 1) {
            table.addColumns(targetColumn);
        }
        values.forEach(table::addColumns);
        return table;
    }

    private static String caption(MetricsTable pivots, List<RunData> runs, Map<List<String>, String> rowTargets,
                                  boolean headroom, boolean labels) {
        Map<String, List<String>> runsByTarget = new LinkedHashMap<>();
        for (RunData run : runs) {
            String target = nmeTarget(run);
            if (rowTargets.keySet().stream().anyMatch(k -> k.get(0).equals(run.label()))) {
                runsByTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(run.label());
            }
        }
        String against = runsByTarget.size() == 1 ? Captions.targetPhrase(runsByTarget.keySet().iterator().next())
                : String.join("; ", runsByTarget.entrySet().stream()
                        .map(e -> Captions.targetPhrase(e.getKey()) + " (" + String.join(", ", e.getValue()) + ")").toList())
                        + ", as the NME target column says";
        StringBuilder out = new StringBuilder("Group x variant pivot for variants named '<group>: <role>': one row per group,"
                + " columns per role. NME <role>: NME (%) on subset full against ")
                .append(against).append(", normalised by ").append(Captions.normalizerPhrase(pivots.runs()))
                .append(" (against the truth where the run measured it, else against the annotation). Lower is better.");
        if (headroom) {
            out.append(" headroom captured <role>: the share (%) of the oracle's headroom that the role captured on full,"
                    + " (NME(baseline) - NME(role)) / (NME(baseline) - NME(oracle)) against the true landmarks, as the app"
                    + " computed it (baseline: HGs (long) where present, else HGs). Higher is better.");
        }
        if (labels) {
            out.append(" label error <role>: mean error (% of the normaliser) of the training labels (subset train) against"
                    + " the true landmarks; 'human' = the annotation training started from, 'searched' = the labels y^ found"
                    + " by Semantic Alignment, weak / strong = weak / strong semantic points.");
        }
        return out.append(" An empty cell (a dash on the pages) was not measured.").toString();
    }

    /** {@code name}, or {@code name (2)}, ... when a column of that name (ignoring case) already exists. */
    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = name + " (" + n + ")";
        }
        return candidate;
    }
}
