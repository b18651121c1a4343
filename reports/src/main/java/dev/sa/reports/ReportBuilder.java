package dev.sa.reports;

import dev.sa.support.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the report of one or several runs: paper-style tables (Tables 2-9) and figures (CED
 * curves; Figs. 6-8 training curves; label movement) from the files a run directory holds.
 *
 * <pre>{@code
 * ReportSummary s = ReportBuilder.forRuns(List.of(runDir)).writeTo(ReportBuilder.defaultOutputDir(runDir));
 * }</pre>
 *
 * <p>Output layout under the report folder: {@code report.html} (self-contained),
 * {@code report.md}, {@code tables/<id>.csv} and {@code .md}, {@code charts/<id>.png},
 * {@code figures/...} (PNGs copied from each run's figures/ folder). Every file is written
 * atomically. Files of an earlier report in the same folder that this one does not rewrite are
 * left alone.
 */
public final class ReportBuilder {

    private final List<RunData> runs;
    /** Right end of the CED x axis; null chooses it from the data. */
    private Double cedMaxError;
    private String title;

    private ReportBuilder(List<RunData> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs given; pass at least one run directory");
        }
        this.runs = RunLoader.distinctLabels(runs);
        this.title = runs.size() == 1 ? "Semantic Alignment report: " + this.runs.get(0).label()
                : "Semantic Alignment comparison: " + this.runs.stream().map(RunData::label).collect(Collectors.joining(", "));
    }

    /**
     * Loads the run directories now, so bad input fails here.
     *
     * @throws IllegalArgumentException when a directory or its metrics.csv is missing or a file is
     *     malformed; the message names the file and line and what is valid
     */
    public static ReportBuilder forRuns(List<Path> runDirs) {
        return new ReportBuilder(runDirs.stream().map(RunData::load).toList());
    }

    /** Reports runs already loaded (or built in memory). */
    public static ReportBuilder forRunData(List<RunData> runs) {
        return new ReportBuilder(runs);
    }

    /** Where the report of a single run goes by default: {@code <runDir>/report}. */
    public static Path defaultOutputDir(Path runDir) {
        return runDir.resolve("report");
    }

    /**
     * Right end of every CED's x axis, as a fraction of the normaliser. By default it is chosen per
     * chart from the data: the 95th percentile of the worst method's errors, at least 0.08.
     */
    public ReportBuilder cedMaxError(double maxError) {
        if (!(maxError > 0 && maxError <= 1)) {
            throw new IllegalArgumentException("cedMaxError must be in (0, 1], e.g. 0.08 or 0.10; got " + maxError);
        }
        this.cedMaxError = maxError;
        return this;
    }

    /** Heading of report.html and report.md. */
    public ReportBuilder title(String newTitle) {
        if (newTitle == null || newTitle.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        this.title = newTitle.strip();
        return this;
    }

    /** Writes every table, chart and page into {@code outDir} (created if needed). */
    public ReportSummary writeTo(Path outDir) {
        MetricsTable pivots = MetricsTable.of(runs);
        List<ReportTable> tables = new ReportTables(pivots).all();
        List<Path> files = new ArrayList<>();
        for (ReportTable t : tables) {
            files.add(AtomicFiles.writeUnchecked(outDir.resolve("tables").resolve(t.id() + ".csv"), TableText.csv(t.table())));
            if (!t.csvOnly()) {
                files.add(AtomicFiles.writeUnchecked(outDir.resolve("tables").resolve(t.id() + ".md"), t.markdown()));
            }
        }
        List<ReportPages.PageFigure> figures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<ChartKit.Figure> charts = charts(pivots);
        // Encoding dominates the build; charts are independent, so use every core.
        List<byte[]> pngs = charts.parallelStream().map(c -> ChartKit.png(c.chart())).toList();
        for (int i = 0; i < charts.size(); i++) {
            ChartKit.Figure chart = charts.get(i);
            String id = chart.id();
            for (int n = 2; !ids.add(id); n++) {
                id = chart.id() + "-" + n;
            }
            String rel = "charts/" + id + ".png";
            Path file = AtomicFiles.writeUnchecked(outDir.resolve(rel), pngs.get(i));
            files.add(file);
            figures.add(new ReportPages.PageFigure(chart.section(), chart.caption(), rel, file));
        }
        figures.addAll(RunFigures.copy(runs, outDir, files));
        String meta = meta();
        ReportPages.Summary summary = Findings.of(pivots);
        files.add(AtomicFiles.writeUnchecked(outDir.resolve("report.md"), ReportPages.markdown(title, meta, summary, tables, figures)));
        files.add(AtomicFiles.writeUnchecked(outDir.resolve("report.html"), ReportPages.html(title, meta, summary, tables, figures)));
        return new ReportSummary(outDir, outDir.resolve("report.html"), outDir.resolve("report.md"), tables, files);
    }

    /** Every chart of the report, in page order within each section, with one style per variant. */
    List<ChartKit.Figure> charts(MetricsTable pivots) {
        SeriesStyles styles = SeriesStyles.of(runs);
        List<ChartKit.Figure> charts = new ArrayList<>(new CurveCharts(pivots, styles, cedMaxError).all());
        charts.addAll(new HistoryCharts(runs, styles).all());
        return charts;
    }

    private String meta() {
        List<String> parts = new ArrayList<>();
        for (RunData run : runs) {
            List<String> facts = new ArrayList<>();
            for (String key : List.of("dataset", "noise", "normalizer", "config", "created")) {
                String value = run.info().get(key);
                if (value != null && !value.isBlank()) {
                    facts.add(key + " " + value);
                }
            }
            parts.add(run.label() + (facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")"));
        }
        return (runs.size() == 1 ? "Run " : "Runs ") + String.join("; ", parts)
                + ". Tables in tables/ (CSV and Markdown), charts in charts/.";
    }

    @Override
    public String toString() {
        return "ReportBuilder[" + runs.stream().map(RunData::label).collect(Collectors.joining(", "))
                + ", cedMaxError=" + (cedMaxError == null ? "from the data" : String.format(Locale.ROOT, "%.2f", cedMaxError)) + "]";
    }
}
