package dev.sa.reports;

import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    private double cedMaxError = 0.10;
    private String title;

    private ReportBuilder(List<RunData> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs given; pass at least one run directory");
        }
        this.runs = MetricsTable.distinctLabels(runs);
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

    /** Right end of the CED x axis, as a fraction of the normaliser (default 0.10; 0.08 is also common). */
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
        List<ChartKit.Figure> charts = new ArrayList<>(new CurveCharts(pivots, cedMaxError).all());
        charts.addAll(new HistoryCharts(runs).all());
        List<ReportPages.PageFigure> figures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ChartKit.Figure chart : charts) {
            String id = chart.id();
            for (int n = 2; !ids.add(id); n++) {
                id = chart.id() + "-" + n;
            }
            String rel = "charts/" + id + ".png";
            Path file = AtomicFiles.writeUnchecked(outDir.resolve(rel), ChartKit.png(chart.chart()));
            files.add(file);
            figures.add(new ReportPages.PageFigure(chart.section(), chart.caption(), rel, file));
        }
        figures.addAll(copyRunFigures(outDir, files));
        String meta = meta();
        files.add(AtomicFiles.writeUnchecked(outDir.resolve("report.md"), ReportPages.markdown(title, meta, tables, figures)));
        files.add(AtomicFiles.writeUnchecked(outDir.resolve("report.html"), ReportPages.html(title, meta, tables, figures)));
        return new ReportSummary(outDir, outDir.resolve("report.html"), outDir.resolve("report.md"), tables, files);
    }

    /** PNGs the app left in each run's figures/ folder, copied beside the report. */
    private List<ReportPages.PageFigure> copyRunFigures(Path outDir, List<Path> files) {
        List<ReportPages.PageFigure> out = new ArrayList<>();
        boolean multiRun = runs.size() > 1;
        for (RunData run : runs) {
            Path source = run.dir().resolve(RunLoader.FIGURES);
            for (Path png : run.figures()) {
                String inner = source.relativize(png).toString().replace('\\', '/');
                String rel = "figures/" + (multiRun ? Formats.slug(run.label()) + "/" : "") + inner;
                Path target = outDir.resolve(rel);
                if (!sameFile(png, target)) {
                    files.add(AtomicFiles.writeUnchecked(target, read(png)));
                }
                String name = png.getFileName().toString().replaceFirst("(?i)\\.png$", "").replace('-', ' ').replace('_', ' ');
                out.add(new ReportPages.PageFigure("Figures from the run", (multiRun ? run.label() + ": " : "") + name
                        + " (written by the app into " + RunLoader.FIGURES + "/" + inner + ")", rel, target));
            }
        }
        return out;
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

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ReportBuilder[" + runs.stream().map(RunData::label).collect(Collectors.joining(", "))
                + ", cedMaxError=" + String.format(Locale.ROOT, "%.2f", cedMaxError) + "]";
    }
}
