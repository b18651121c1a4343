package dev.sa.tools.bench;

import dev.sa.support.AtomicFiles;
import dev.sa.support.CsvTable;
import dev.sa.support.MalformedFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a bench run: printed as a plain table, saved as bench.csv. */
public final class BenchTable {
  /**
   * One figure.
   *
   * @param section part of the bench ({@code model}, {@code config}, {@code data}, ...)
   * @param item what was measured, e.g. {@code hourglass 2x4x128 64px/16}
   * @param engine {@code MXNet}, {@code PyTorch}, {@code python-torch} or empty
   * @param metric e.g. {@code train_s_per_step}
   * @param value the figure (NaN when not measured)
   * @param unit e.g. {@code s}, {@code ms/face}, {@code MB}
   * @param versus what the ratio compares against, or empty
   * @param ratio value / versus, NaN when there is nothing to compare
   */
  public record Row(String section, String item, String engine, String metric, double value, String unit,
      String versus, double ratio) {
    public Row {
      for (String s : List.of(section, item, engine, metric, unit, versus)) {
        if (s.contains("\n")) {
          throw new IllegalArgumentException("bench fields are single lines: " + s);
        }
      }
    }
  }

  static final String HEADER = "section,item,engine,metric,value,unit,versus,ratio";

  private final List<Row> rows = new ArrayList<>();

  public void add(String section, String item, String engine, String metric, double value, String unit) {
    rows.add(new Row(section, item, engine, metric, value, unit, "", Double.NaN));
  }

  public void add(String section, String item, String engine, String metric, double value, String unit,
      String versus, double ratio) {
    rows.add(new Row(section, item, engine, metric, value, unit, versus, ratio));
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The value of the first row with this section, item, engine and metric, or NaN. */
  public double value(String section, String item, String engine, String metric) {
    for (Row r : rows) {
      if (r.section().equals(section) && r.item().equals(item) && r.engine().equals(engine)
          && r.metric().equals(metric)) {
        return r.value();
      }
    }
    return Double.NaN;
  }

  /** Aligned plain-text table, one row per figure. */
  public String format() {
    String[] head = {"section", "item", "engine", "metric", "value", "unit", "ratio", "versus"};
    List<String[]> cells = new ArrayList<>();
    cells.add(head);
    for (Row r : rows) {
      cells.add(new String[] {r.section(), r.item(), r.engine(), r.metric(), number(r.value()), r.unit(),
          Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.3f", r.ratio()), r.versus()});
    }
    int[] width = new int[head.length];
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] c : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < c.length; i++) {
        boolean right = i == 4 || i == 6;
        String f = right ? "%" + width[i] + "s" : "%-" + width[i] + "s";
        line.append(String.format(Locale.ROOT, f, c[i])).append(i < c.length - 1 ? "  " : "");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** Writes {@code bench.csv} into {@code dir} atomically; returns its path. */
  public Path writeCsv(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER + "\n");
    for (Row r : rows) {
      sb.append(String.join(",", csv(r.section()), csv(r.item()), csv(r.engine()), csv(r.metric()),
          csvNumber(r.value()), csv(r.unit()), csv(r.versus()), csvNumber(r.ratio()))).append('\n');
    }
    Path file = dir.resolve("bench.csv");
    AtomicFiles.writeString(file, sb.toString());
    return file;
  }

  /** The rows of a {@code bench.csv} written by {@link #writeCsv}. */
  public static List<Row> readCsv(Path file) throws IOException {
    List<Row> out = new ArrayList<>();
    try {
      CsvTable csv = CsvTable.read(file, List.of(HEADER.split(",")), 8);
      for (CsvTable.Row r : csv.rows()) {
        csv.checkWidth(r);
        List<String> f = r.fields();
        out.add(new Row(f.get(0), f.get(1), f.get(2), f.get(3), parse(f.get(4)), f.get(5), f.get(6), parse(f.get(7))));
      }
    } catch (MalformedFileException e) {
      throw new IOException(e.getMessage(), e);
    }
    return out;
  }

  /** Adds {@code row} as it is. */
  public void add(Row row) {
    rows.add(row);
  }

  private static double parse(String v) {
    return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.4f", v);
  }

  private static String csvNumber(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
