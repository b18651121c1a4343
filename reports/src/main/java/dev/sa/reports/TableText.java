package dev.sa.reports;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Renders a Tablesaw table as Markdown, HTML or CSV text, always through the columns' print
 * formatters so every output shows the same digits.
 */
final class TableText {

    /** Shown in Markdown and HTML for a cell with no value (variant not run on that subset). */
    static final String MISSING = "–";

    private TableText() {}

    /** Markdown pipe table, columns padded so it also reads well in a terminal. */
    static String markdown(Table table) {
        List<List<String>> cells = new ArrayList<>();
        for (List<String> row : cells(table)) {
            cells.add(row.stream().map(s -> s.replace("|", "\\|")).toList());
        }
        int n = table.columnCount();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = Math.max(3, table.column(c).name().length());
            for (List<String> row : cells) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        List<String> header = table.columnNames();
        appendRow(out, header, width, table);
        out.append('|');
        for (int c = 0; c < n; c++) {
            String dashes = "-".repeat(width[c]);
            out.append(' ').append(numeric(table.column(c)) ? dashes.substring(1) + ":" : dashes).append(" |");
        }
        out.append('\n');
        for (List<String> row : cells) {
            appendRow(out, row, width, table);
        }
        return out.toString();
    }

    /** A plain HTML table (escaped); numeric columns get class "num" for right alignment. */
    static String html(Table table, String caption) {
        StringBuilder out = new StringBuilder("<table>\n<caption>").append(escape(caption)).append("</caption>\n<thead><tr>");
        for (Column<?> column : table.columns()) {
            out.append(numeric(column) ? "<th class=\"num\">" : "<th>").append(escape(column.name())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : cells(table)) {
            // Quoted reference rows carry "(quoted" in their label (see MetricsTable); shade them.
            boolean quoted = row.stream().anyMatch(s -> s.contains("(quoted"));
            out.append(quoted ? "<tr class=\"quoted\">" : "<tr>");
            for (int c = 0; c < row.size(); c++) {
                out.append(numeric(table.column(c)) ? "<td class=\"num\">" : "<td>").append(escape(row.get(c))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** CSV with the print formatters applied; a missing number is an empty field. */
    static String csv(Table table) {
        StringWriter writer = new StringWriter();
        table.write().csv(CsvWriteOptions.builder(writer).usePrintFormatters(true).lineEnd("\n").build());
        return writer.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static List<List<String>> cells(Table table) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (Column<?> column : table.columns()) {
                String s = column.isMissing(r) ? MISSING : column.getString(r);
                row.add(s.isEmpty() && numeric(column) ? MISSING : s);
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean numeric(Column<?> column) {
        return column instanceof NumericColumn<?>;
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] width, Table table) {
        out.append('|');
        for (int c = 0; c < row.size(); c++) {
            String s = row.get(c);
            String pad = " ".repeat(width[c] - s.length());
            out.append(' ').append(numeric(table.column(c)) ? pad + s : s + pad).append(" |");
        }
        out.append('\n');
    }
}
