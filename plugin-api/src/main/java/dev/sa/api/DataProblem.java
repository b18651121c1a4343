package dev.sa.api;

/**
 * One problem found in a data set's files by {@code sa data check}.
 *
 * @param file the offending file
 * @param line 1-based line number, or 0 when the problem is not tied to a line
 * @param message what is wrong and what is valid
 */
public record DataProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
