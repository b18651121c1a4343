package dev.sa.reports;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ReportBuilder#writeTo(Path)} wrote.
 *
 * @param outputDir the report folder
 * @param html the self-contained page (report.html)
 * @param markdown report.md, which links the PNGs beside it
 * @param tables every table, in report order (print {@link ReportTable#markdown()} to a terminal)
 * @param files every file written, report.html and report.md included
 */
public record ReportSummary(Path outputDir, Path html, Path markdown, List<ReportTable> tables, List<Path> files) {
    public ReportSummary {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(markdown, "markdown");
        tables = List.copyOf(tables);
        files = List.copyOf(files);
    }

    /** The PNG files among {@link #files()}: generated charts and copied run figures. */
    public List<Path> figures() {
        return files.stream().filter(p -> p.getFileName().toString().endsWith(".png")).toList();
    }
}
