package dev.sa.app.run;

import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tidy CSV table kept in memory and written atomically: a header and rows of values. Text
 * values containing commas or quotes are quoted.
 */
public final class Rows {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Rows(String... header) {
    this.header = List.of(header);
  }

  public synchronized void add(Object... values) {
    if (values.length != header.size()) {
      throw new IllegalArgumentException("row of " + values.length + " values for header " + header);
    }
    List<String> row = new ArrayList<>();
    for (Object v : values) {
      row.add(format(v));
    }
    rows.add(row);
  }

  public synchronized void addAll(Rows other) {
    rows.addAll(other.rows);
  }

  /** A copy whose first column is {@code value} in every row. */
  public synchronized Rows renameFirstColumn(String value) {
    Rows r = new Rows(header.toArray(new String[0]));
    for (List<String> row : rows) {
      List<String> copy = new ArrayList<>(row);
      copy.set(0, format(value));
      r.rows.add(copy);
    }
    return r;
  }

  /**
   * The {@code value} column (the last column when there is none) of the first row whose leading
   * columns equal {@code keys}, or NaN.
   */
  public synchronized double value(String... keys) {
    int col = header.indexOf("value");
    for (List<String> row : rows) {
      boolean match = true;
      for (int i = 0; i < keys.length && match; i++) {
        match = row.get(i).equals(format(keys[i]));
      }
      if (match) {
        return Double.parseDouble(row.get(col >= 0 ? col : row.size() - 1));
      }
    }
    return Double.NaN;
  }

  /** A copy of the rows, each a list of cells in header order. */
  public synchronized List<List<String>> rows() {
    List<List<String>> copy = new ArrayList<>();
    for (List<String> r : rows) {
      copy.add(List.copyOf(r));
    }
    return copy;
  }

  public synchronized int size() {
    return rows.size();
  }

  public synchronized void write(Path file) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    for (List<String> r : rows) {
      sb.append(String.join(",", r)).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /**
   * Reads a file this class wrote (no quoted commas in numeric tables); missing file = empty. Cells
   * are taken by the file's column names, so a file of an older version without a column of
   * {@code header} reads with that cell empty, and columns {@code header} does not name are dropped.
   */
  public static Rows read(Path file, String... header) throws IOException {
    Rows r = new Rows(header);
    if (!Files.exists(file)) {
      return r;
    }
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) {
      return r;
    }
    List<String> fileHeader = splitCsv(lines.get(0));
    int[] from = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      from[c] = fileHeader.indexOf(header[c]);
    }
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        List<String> cells = splitCsv(lines.get(i));
        List<String> row = new ArrayList<>(header.length);
        for (int c = 0; c < header.length; c++) {
          // kept encoded as add() keeps them, so a name with a comma is quoted again when written
          row.add(from[c] >= 0 && from[c] < cells.size() ? format(cells.get(from[c])) : "");
        }
        r.rows.add(row);
      }
    }
    return r;
  }

  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.6g", d);
    }
    if (v instanceof Float f) {
      return Float.toString(f);
    }
    String s = String.valueOf(v);
    if (s.contains(",") || s.contains("\"")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
