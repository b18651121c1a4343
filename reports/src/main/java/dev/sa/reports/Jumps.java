package dev.sa.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Epochs whose validation NME rose by more than half over the epoch before (issue 15 item 3), per
 * run, variant and seed, read from history.csv. Such a jump means the training (or its evaluation)
 * was not trustworthy, so the comparison tables mark every cell built on that run.
 */
final class Jumps {

    /** The history metric checked: validation NME against the annotation. */
    static final String METRIC = "val_nme";
    /** A rise by more than this factor over the previous epoch is a jump. */
    static final double FACTOR = 1.5;

    /**
     * One jump: the epoch (as logged, in {@code phase}) whose value {@code after} exceeds
     * {@code FACTOR} times the previous epoch's {@code before}.
     */
    record Jump(String run, String variant, String seed, String phase, int epoch, double before, double after,
            Spread spreadBefore, Spread spreadAfter) {
        Jump {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(seed, "seed");
            Objects.requireNonNull(phase, "phase");
        }

        /** The rise in percent of the previous epoch's value. */
        double risePercent() {
            return 100 * (after / before - 1);
        }
    }

    /** The history metrics (written since 2026-12-07) that tell a few gross failures from a rise of every face. */
    static final String MEDIAN = "val_nme_median";
    static final String FAILURES = "val_failures";

    /**
     * The median validation NME and the share (%) of faces over 10% at one epoch; NaN where the
     * history has none (older runs).
     */
    record Spread(double median, double failures) {}

    private final List<Jump> jumps;

    private Jumps(List<Jump> jumps) {
        this.jumps = List.copyOf(jumps);
    }

    /**
     * Finds the jumps of every run. The epochs of a variant and seed are taken in training order
     * (baseline, then the later phases, as the charts place them), so the first epoch of a phase is
     * compared with the last one of the phase before. The refiner phase has no validation NME of
     * the detector and is left out.
     */
    static Jumps find(List<RunData> runs) {
        List<Jump> out = new ArrayList<>();
        for (RunData run : runs) {
            Map<String, Map<String, Integer>> offsets = HistoryCharts.offsets(run, false);
            Map<List<String>, List<RunData.HistoryPoint>> series = new LinkedHashMap<>();
            Map<RunData.Epoch, Map<String, Double>> byEpoch = run.historyByEpoch();
            for (RunData.HistoryPoint p : run.history()) {
                if (p.metric().equals(METRIC) && !p.phase().equals(HistoryCharts.REFINER) && Double.isFinite(p.value())) {
                    series.computeIfAbsent(List.of(p.variant(), p.seed()), k -> new ArrayList<>()).add(p);
                }
            }
            series.forEach((key, points) -> {
                Map<String, Integer> byPhase = offsets.getOrDefault(key.get(0), Map.of());
                List<RunData.HistoryPoint> sorted = new ArrayList<>(points);
                sorted.sort(Comparator.comparingInt(p -> p.epoch() + byPhase.getOrDefault(p.phase(), 0)));
                for (int i = 1; i < sorted.size(); i++) {
                    double before = sorted.get(i - 1).value();
                    RunData.HistoryPoint now = sorted.get(i);
                    if (before > 0 && now.value() > FACTOR * before) {
                        out.add(new Jump(run.label(), key.get(0), key.get(1), now.phase(), now.epoch(), before, now.value(),
                                spreadOf(byEpoch, sorted.get(i - 1)), spreadOf(byEpoch, now)));
                    }
                }
            });
        }
        return new Jumps(out);
    }

    private static Spread spreadOf(Map<RunData.Epoch, Map<String, Double>> byEpoch, RunData.HistoryPoint p) {
        Map<String, Double> m = byEpoch.getOrDefault(p.at(), Map.of());
        return new Spread(m.getOrDefault(MEDIAN, Double.NaN), m.getOrDefault(FAILURES, Double.NaN));
    }

    List<Jump> all() {
        return jumps;
    }

    boolean isEmpty() {
        return jumps.isEmpty();
    }

    /** Whether any seed among {@code seeds} of this run and variant had a jump. */
    boolean flagged(String run, String variant, java.util.Collection<String> seeds) {
        return jumps.stream().anyMatch(j -> j.run().equals(run) && j.variant().equals(variant) && seeds.contains(j.seed()));
    }

    /** The seeds with a jump, as "seed 7, seed 42", or "" for a run without seeds. */
    String seedsOf(String run, String variant, java.util.Collection<String> seeds) {
        return String.join(", ", jumps.stream().filter(j -> j.run().equals(run) && j.variant().equals(variant)
                && seeds.contains(j.seed())).map(j -> j.seed().isEmpty() ? "" : "seed " + j.seed())
                .filter(s -> !s.isEmpty()).distinct().toList());
    }

    /** Every epoch whose validation NME rose by more than 50% over the epoch before. */
    Optional<ReportTable> table(boolean multiRun) {
        if (jumps.isEmpty()) {
            return Optional.empty();
        }
        StringColumn run = StringColumn.create("run");
        StringColumn variant = StringColumn.create("variant");
        StringColumn seed = StringColumn.create("seed");
        StringColumn phase = StringColumn.create("phase");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn before = Formats.column("NME before (%)", Formats.decimals(2));
        DoubleColumn after = Formats.column("NME at the epoch (%)", Formats.decimals(2));
        DoubleColumn rise = Formats.column("rise (%)", Formats.decimals(0));
        DoubleColumn medianBefore = Formats.column("median before (%)", Formats.decimals(2));
        DoubleColumn medianAfter = Formats.column("median at the epoch (%)", Formats.decimals(2));
        DoubleColumn failBefore = Formats.column("faces over 10% before (%)", Formats.decimals(1));
        DoubleColumn failAfter = Formats.column("faces over 10% at the epoch (%)", Formats.decimals(1));
        boolean spread = jumps.stream().anyMatch(j -> !Double.isNaN(j.spreadAfter().median()));
        for (Jump j : jumps) {
            run.append(j.run());
            variant.append(j.variant());
            seed.append(j.seed().isEmpty() ? "(one seed)" : j.seed());
            phase.append(j.phase().equals(HistoryCharts.SA) ? "SA" : j.phase());
            epoch.append(j.epoch());
            before.append(j.before());
            after.append(j.after());
            rise.append(j.risePercent());
            medianBefore.append(j.spreadBefore().median());
            medianAfter.append(j.spreadAfter().median());
            failBefore.append(j.spreadBefore().failures());
            failAfter.append(j.spreadAfter().failures());
        }
        Table table = Table.create("training jumps");
        if (multiRun) {
            table.addColumns(run);
        }
        table.addColumns(variant, seed, phase, epoch, before, after, rise);
        if (spread) {
            table.addColumns(medianBefore, medianAfter, failBefore, failAfter);
        }
        return Optional.of(new ReportTable("training-jumps", Sections.JUMPS, "Epochs whose validation NME (against the"
                + " annotation) rose by more than 50% over the epoch before, per run, variant and seed. Tables mark every"
                + " row built on such a run with " + MetricsTable.JUMP_MARK + "; its numbers may reflect an unstable"
                + " training or evaluation rather than the method."
                + (spread ? " Where the median stays level and the share of faces over 10% grows, a few faces failed"
                        + " grossly; where the median rises too, every face got worse." : ""), table, false));
    }
}
