package dev.sa.support;

import java.io.IOException;
import dev.sa.api.DataProblem;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV reader for the annotation tables of 300W and AFLW (HRNet's form): a header line,
 * then one face per line, comma separated, optional double quotes. Each row keeps its 1-based
 * line number for error messages.
 */
public final class CsvTable {
  private final String file;
  private final List<String> header;
  private final List<Row> rows;

  private CsvTable(String file, List<String> header, List<Row> rows) {
    this.file = file;
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
  }

  /** One data line. */
  public record Row(int line, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }

    public String get(int column) {
      return fields.get(column);
    }
  }

  /**
   * Reads {@code file}; the header must start with {@code firstColumns} and have
   * {@code columnCount} columns in all.
   */
  public static CsvTable read(Path file, List<String> firstColumns, int columnCount)
      throws IOException, MalformedFileException {
    String name = file.toString();
    String text = TextFiles.read(file);
    String[] lines = text.split("\r\n|\r|\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new MalformedFileException(name, 1, "empty CSV; expected a header " + String.join(",", firstColumns) + ",...");
    }
    List<String> header = split(lines[0]);
    List<String> first = header.subList(0, Math.min(firstColumns.size(), header.size())).stream().map(String::strip).toList();
    if (!first.equals(firstColumns) || header.size() != columnCount) {
      throw new MalformedFileException(name, 1, "header has " + header.size() + " columns starting "
          + first.stream().map(TextFiles::quote).toList()
          + "; expected " + columnCount + " columns starting " + firstColumns);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        rows.add(new Row(i + 1, split(lines[i])));
      }
    }
    return new CsvTable(name, header, rows);
  }

  /** Turns one row into a value, or throws for a row that cannot be used. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(CsvTable table, Row row) throws MalformedFileException;
  }

  /**
   * Reads a data set's CSV split file: each row through {@code reader} (in parallel, results in
   * file order); a row it refuses becomes one problem in {@code problems}.
   *
   * @param what the data set's name, for messages (e.g. {@code 300W})
   * @param form the expected layout after the header's first columns, e.g. {@code x0,y0,...,x67,y67}
   * @throws SaException (data error) when the file is missing or its header is wrong
   */
  public static <T> List<T> readRows(Path file, String what, List<String> firstColumns, int columnCount, String form,
      RowReader<T> reader, List<DataProblem> problems) {
    if (!Files.isRegularFile(file)) {
      throw SaException.dataError(what + " CSV file " + file + " (options.csvSplits) does not exist; expected a header "
          + String.join(",", firstColumns) + "," + form);
    }
    CsvTable table;
    try {
      table = read(file, firstColumns, columnCount);
    } catch (MalformedFileException e) {
      throw SaException.dataError(e.problem().toString());
    } catch (IOException e) {
      throw SaException.dataError("cannot read " + what + " CSV " + file + ": " + e.getMessage(), e);
    }
    List<Object> results = table.rows().parallelStream().map(r -> {
      try {
        return (Object) reader.read(table, r);
      } catch (MalformedFileException e) {
        return e.problem();
      } catch (SaException e) {
        return e; // thrown below in file order, so the first bad row is the one named
      }
    }).toList();
    List<T> out = new ArrayList<>();
    for (Object o : results) {
      if (o instanceof SaException e) {
        throw e;
      } else if (o instanceof DataProblem p) {
        problems.add(p);
      } else {
        @SuppressWarnings("unchecked")
        T t = (T) o;
        out.add(t);
      }
    }
    return out;
  }

  /**
   * {@code root/relative} for a path cell of {@code row}, refused (invalid input, exit 2) when it
   * resolves outside {@code root}: a split file must not reach other files on the machine.
   */
  public Path pathUnder(Path root, String relative, Row row) {
    return DataPaths.under(root, relative, file + ":" + row.line());
  }

  public String file() {
    return file;
  }

  public List<String> header() {
    return header;
  }

  public List<Row> rows() {
    return rows;
  }

  /** Parses a finite number from a cell, naming file, line and column when it is not one. */
  public double number(Row row, int column) throws MalformedFileException {
    if (column >= row.fields().size()) {
      throw new MalformedFileException(file, row.line(), "missing column " + header.get(column));
    }
    String token = row.get(column).strip();
    try {
      return PtsFormat.coordinate(token, file, row.line());
    } catch (MalformedFileException e) {
      throw new MalformedFileException(file, row.line(), "column " + header.get(column) + ": " + e.getMessage());
    }
  }

  /** Checks that {@code row} has as many cells as the header. */
  public void checkWidth(Row row) throws MalformedFileException {
    if (row.fields().size() != header.size()) {
      throw new MalformedFileException(file, row.line(),
          "row has " + row.fields().size() + " columns, the header has " + header.size());
    }
  }

  /**
   * Splits one CSV line at commas; a double quote opens or closes a quoted stretch, {@code ""}
   * inside one is a quote. An unclosed quote runs to the line's end.
   */
  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }
}
