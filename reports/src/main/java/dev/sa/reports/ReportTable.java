package dev.sa.reports;

import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * One table of a report: a Tablesaw table with per-column formatters, plus where and how it is
 * shown. Written as {@code tables/<id>.csv} and, unless {@code csvOnly}, {@code tables/<id>.md} and a
 * section of report.html / report.md.
 *
 * @param id file stem, unique within a report
 * @param section heading it is listed under (e.g. "Accuracy")
 * @param caption one or two sentences naming the metric, unit, normaliser and any quoted rows
 * @param table the data; number columns carry formatters
 * @param csvOnly true for wide tables that only make sense in a spreadsheet
 */
public record ReportTable(String id, String section, String caption, Table table, boolean csvOnly) {
    public ReportTable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(table, "table");
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("table id '" + id + "' must be lower case letters, digits, '.' and '-'");
        }
    }

    /** This table as Markdown (caption in italics above it), for terminals and report.md. */
    public String markdown() {
        return "_" + caption + "_\n\n" + TableText.markdown(table);
    }
}
