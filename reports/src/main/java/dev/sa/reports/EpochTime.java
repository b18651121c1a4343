package dev.sa.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where an SA epoch's time goes (issue 16 item 4), from history.csv: per run and variant, the mean
 * over its SA epochs (and seeds) of the search pass's forward passes over the training faces
 * ({@code search_seconds - search_only_seconds}: the network's heatmaps, and the label statistics
 * logged with them), the search itself ({@code search_only_seconds}) and the training steps
 * ({@code epoch_seconds - search_seconds}, precise BatchNorm included), each with its share of the
 * epoch. The per-epoch scoring (validation, the agreement probe, the test curve) is outside
 * {@code epoch_seconds} and so outside these shares. The baseline's mean epoch is given beside it.
 */
final class EpochTime {

    private EpochTime() {}

    /** Sums over one variant's SA epochs. */
    private static final class Sums {
        int epochs;
        double epoch;
        double search;
        double searchOnly;
        int baselineEpochs;
        double baseline;
    }

    static Optional<ReportTable> table(List<RunData> runs) {
        Map<List<String>, Sums> byVariant = new LinkedHashMap<>();
        for (RunData run : runs) {
            run.historyByEpoch().forEach((at, m) -> {
                Double seconds = m.get("epoch_seconds");
                boolean baselinePhase = at.phase().equals(HistoryCharts.BASELINE);
                if (seconds == null || !Double.isFinite(seconds) || !(baselinePhase || at.phase().equals(HistoryCharts.SA))) {
                    return;
                }
                Sums s = byVariant.computeIfAbsent(List.of(run.label(), at.variant()), k -> new Sums());
                if (baselinePhase) {
                    s.baselineEpochs++;
                    s.baseline += seconds;
                } else if (m.containsKey("search_seconds") && m.containsKey("search_only_seconds")) {
                    s.epochs++;
                    s.epoch += seconds;
                    s.search += m.get("search_seconds");
                    s.searchOnly += m.get("search_only_seconds");
                }
            });
        }
        byVariant.values().removeIf(s -> s.epochs == 0);
        if (byVariant.isEmpty()) {
            return Optional.empty();
        }
        boolean multiRun = runs.size() > 1;
        StringColumn run = StringColumn.create("run");
        StringColumn variant = StringColumn.create("variant");
        IntColumn n = IntColumn.create("SA epochs");
        DoubleColumn epoch = Formats.column("SA epoch (s)", Formats.decimals(1));
        DoubleColumn forward = Formats.column("search pass, forward (s)", Formats.decimals(2));
        DoubleColumn forwardShare = Formats.column("forward (% of the epoch)", Formats.decimals(1));
        DoubleColumn search = Formats.column("search (s)", Formats.decimals(3));
        DoubleColumn searchShare = Formats.column("search (% of the epoch)", Formats.decimals(1));
        DoubleColumn training = Formats.column("training (s)", Formats.decimals(2));
        DoubleColumn trainingShare = Formats.column("training (% of the epoch)", Formats.decimals(1));
        DoubleColumn baseline = Formats.column("baseline epoch (s)", Formats.decimals(1));
        byVariant.forEach((key, s) -> {
            double e = s.epoch / s.epochs;
            double f = (s.search - s.searchOnly) / s.epochs;
            double o = s.searchOnly / s.epochs;
            double t = (s.epoch - s.search) / s.epochs;
            run.append(key.get(0));
            variant.append(key.get(1));
            n.append(s.epochs);
            epoch.append(e);
            forward.append(f);
            forwardShare.append(100 * f / e);
            search.append(o);
            searchShare.append(100 * o / e);
            training.append(t);
            trainingShare.append(100 * t / e);
            baseline.append(s.baselineEpochs == 0 ? Double.NaN : s.baseline / s.baselineEpochs);
        });
        Table table = Table.create("SA epoch time");
        if (multiRun) {
            table.addColumns(run);
        }
        table.addColumns(variant, n, epoch, forward, forwardShare, search, searchShare, training, trainingShare,
                baseline);
        return Optional.of(new ReportTable("sa-epoch-time", Sections.SPEED, "Where an SA epoch's wall-clock time"
                + " goes, mean over the variant's SA epochs and seeds: the search pass's forward passes over the"
                + " training faces, the search itself (Step 1, Eq. 8), and training (precise BatchNorm included). The"
                + " scoring after each epoch is not part of it. The baseline's mean epoch, without a search, is"
                + " beside it.", table, false));
    }
}
