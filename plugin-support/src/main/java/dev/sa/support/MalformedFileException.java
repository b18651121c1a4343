package dev.sa.support;

import dev.sa.api.DataProblem;

/**
 * A data file that cannot be used, with the file and the 1-based line (0 when no line applies).
 * Checked on purpose: a reader throws it for one file and the data set turns it into one
 * {@link DataProblem}, leaving that sample out instead of failing the whole data set.
 */
public final class MalformedFileException extends Exception {
  private final String file;
  private final int line;

  public MalformedFileException(String file, int line, String message) {
    super(message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  /** The problem to report through {@code Dataset.problems()}. */
  public DataProblem problem() {
    return new DataProblem(file, line, getMessage());
  }
}
