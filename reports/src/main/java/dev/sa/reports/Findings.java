package dev.sa.reports;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The summary's words, computed from the data: what ran, and one sentence per finding (each
 * variant against the control on the primary subset, the oracle's headroom, label recovery,
 * training jumps). No sentence is written that the numbers do not support: with one seed each
 * says that no interval exists.
 */
final class Findings {

    private static final DecimalFormat TWO = Formats.format(2);
    private static final DecimalFormat ZERO = Formats.format(0);

    private Findings() {}

    static ReportPages.Summary of(MetricsTable pivots) {
        String target = pivots.primaryTarget();
        ControlComparison comparison = new ControlComparison(pivots, target);
        String subset = pivots.primarySubset(target);
        List<String> findings = new ArrayList<>();
        boolean multiRun = pivots.runs().size() > 1;
        for (ControlComparison.Row row : comparison.rows()) {
            if (row.subset().equals(subset)) {
                findings.add((multiRun ? row.run() + ": " : "") + sentence(row));
            }
        }
        if (comparison.rows().isEmpty()) {
            findings.add("No comparison against a control: set report.control in the config to a variant's name"
                    + " (without it, the report uses " + ControlComparison.DEFAULT_CONTROL + " when the run has it).");
        }
        findings.addAll(labelSentences(pivots));
        findings.add(jumpSentence(pivots.jumps()));
        return new ReportPages.Summary(whatRan(pivots, target, subset), findings);
    }

    /** "HGs+SA is 0.02 points better than HGs (long) on full (95% CI [-0.05, 0.01], n = 3): no detectable difference." */
    static String sentence(ControlComparison.Row row) {
        SeedStats.Estimate d = row.difference();
        String size = TWO.format(Math.abs(d.mean()));
        String direction = size.equals(TWO.format(0)) ? "equal to" : d.mean() < 0 ? size + " points better than"
                : size + " points worse than";
        StringBuilder out = new StringBuilder(row.variant()).append(" is ").append(direction).append(' ')
                .append(row.control()).append(" on the ").append(row.subset()).append(" subset");
        if (d.hasInterval()) {
            out.append(" (95% CI of the difference [").append(TWO.format(d.low())).append(", ").append(TWO.format(d.high()))
                    .append("], n = ").append(d.n()).append(" seeds): ")
                    .append(d.excludesZero() ? "the interval excludes 0, so it is " + row.verdict()
                            : "the interval includes 0, so no difference is detectable");
        } else {
            out.append("; with one seed no interval exists, so this cannot be told apart from seed-to-seed noise");
        }
        row.headroom().ifPresent(h -> {
            if (row.noHeadroom()) {
                out.append("; the oracle has no headroom here (its own gain's interval includes 0)");
            } else {
                out.append("; it captures ").append(ZERO.format(h.mean())).append("% of the oracle's headroom");
                if (h.hasInterval()) {
                    out.append(" (95% CI [").append(ZERO.format(h.low())).append(", ").append(ZERO.format(h.high())).append("])");
                }
            }
        });
        return out.append('.').append(row.note().isEmpty() ? "" : " " + MetricsTable.JUMP_MARK
                + " Built on a run whose validation NME jumped.").toString();
    }

    /** One sentence per SA variant whose searched labels were measured against the truth. */
    private static List<String> labelSentences(MetricsTable pivots) {
        List<String> out = new ArrayList<>();
        boolean multiRun = pivots.runs().size() > 1;
        for (RunData run : pivots.runs()) {
            Map<String, Map<String, List<Double>>> byVariant = new java.util.LinkedHashMap<>();
            for (RunData.Metric m : run.metrics()) {
                if (ReportTables.LABEL_METRICS.contains(m.metric()) && m.target().equals(RunData.TARGET_TRUTH)) {
                    byVariant.computeIfAbsent(m.variant(), k -> new java.util.HashMap<>())
                            .computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m.value());
                }
            }
            byVariant.forEach((variant, values) -> {
                double humanWeak = mean(values.get("label_error_human_weak"));
                double searchedWeak = mean(values.get("label_error_searched_weak"));
                if (!GroupPivot.isSaRole(GroupPivot.split(variant).map(p -> p.get(1)).orElse(variant))
                        || !Double.isFinite(humanWeak) || !Double.isFinite(searchedWeak)) {
                    return;
                }
                double humanStrong = mean(values.get("label_error_human_strong"));
                double searchedStrong = mean(values.get("label_error_searched_strong"));
                String strong = Double.isFinite(humanStrong) && Double.isFinite(searchedStrong)
                        ? " and " + movement("the strong ones", humanStrong, searchedStrong, "") : "";
                out.add((multiRun ? run.label() + ": " : "") + variant + " " + movement("the weak training labels",
                        humanWeak, searchedWeak, " % of the normaliser") + strong + ".");
            });
        }
        return out;
    }

    /**
     * How a group of training labels moved against the truth, e.g. "moved the weak training labels
     * toward the truth (6.19 → 5.31)": toward or away from it, or left where it was (within 0.005).
     */
    static String movement(String what, double before, double after, String unit) {
        String range = " (" + TWO.format(before) + " → " + TWO.format(after) + unit + ")";
        if (Math.abs(after - before) < 0.005) {
            return "left " + what + " as far from the truth as before" + range;
        }
        return "moved " + what + (after < before ? " toward" : " away from") + " the truth" + range;
    }

    private static String jumpSentence(Jumps jumps) {
        if (jumps.isEmpty()) {
            return "No epoch's validation NME rose by more than 50% over the epoch before.";
        }
        Set<String> where = new LinkedHashSet<>();
        jumps.all().forEach(j -> where.add(j.variant() + (j.seed().isEmpty() ? "" : " (seed " + j.seed() + ")")));
        return MetricsTable.JUMP_MARK + " " + jumps.all().size() + (jumps.all().size() == 1 ? " epoch" : " epochs")
                + " had a validation NME more than 50% above the epoch before, in " + String.join(", ", where)
                + "; see the training jumps table. Rows built on these runs are marked " + MetricsTable.JUMP_MARK + ".";
    }

    /** What ran: data, sizes, variants, seeds, and what the main table shows. */
    static String whatRan(MetricsTable pivots, String target, String subset) {
        List<String> runs = new ArrayList<>();
        for (RunData run : pivots.runs()) {
            Map<String, String> info = run.info();
            List<String> facts = new ArrayList<>();
            if (!info.getOrDefault("dataset", "").isBlank()) {
                facts.add(info.get("dataset") + " data" + (info.getOrDefault("noise", "").isBlank() ? ""
                        : " with " + info.get("noise") + " label noise"));
            }
            if (!info.getOrDefault("train_faces", "").isBlank()) {
                facts.add(info.get("train_faces") + " training faces");
            }
            if (!info.getOrDefault("input", "").isBlank()) {
                facts.add("input " + info.get("input"));
            }
            if (!info.getOrDefault("backbone", "").isBlank()) {
                facts.add(info.get("backbone") + " backbone");
            }
            Set<String> variants = run.metrics().stream().map(RunData.Metric::variant)
                    .filter(v -> !ControlComparison.isReference(v)).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> seeds = run.metrics().stream().map(RunData.Metric::seed).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            String seedText = seeds.isEmpty() ? "one seed" + (info.getOrDefault("seed", "").isBlank() ? "" : " (" + info.get("seed") + ")")
                    : seeds.size() + (seeds.size() == 1 ? " seed (" : " seeds (") + String.join(", ", seeds) + ")";
            facts.add(variants.size() + " variants (" + String.join(", ", variants) + ")");
            facts.add(seedText);
            runs.add((pivots.runs().size() > 1 ? run.label() + ": " : "Run " + run.label() + ": ") + String.join(", ", facts));
        }
        return String.join(". ", runs) + ". Errors are NME in % of " + Captions.normalizerPhrase(pivots.runs()) + "; the main table"
                + " is against " + Captions.targetPhrase(target) + ", and the comparison below it is on the " + subset
                + " subset. Lower NME is better.";
    }

    private static double mean(List<Double> values) {
        return values == null ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
