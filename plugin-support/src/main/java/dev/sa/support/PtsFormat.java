package dev.sa.support;

import dev.sa.api.Landmarks;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reader and writer of the iBUG {@code .pts} annotation format of 300W and 300-VW:
 *
 * <pre>
 * version: 1
 * n_points:  68
 * {
 * x y        (one line per point)
 * }
 * </pre>
 *
 * <p><b>1-based coordinates.</b> The files follow the MATLAB convention: the centre of the first
 * pixel is {@code (1, 1)}. {@link Landmarks} puts it at {@code (0, 0)}, so {@link #parse} subtracts
 * 1 from every coordinate and {@link #format} adds it back; a read-write round trip is exact.
 *
 * <p>Accepted variants seen in the wild: {@code version: 1.0}, CRLF line ends, any spaces after
 * the colons, tabs between x and y, a UTF-8 byte-order mark, no final newline, blank lines after
 * the closing brace. Anything else is a {@link MalformedFileException} naming the 1-based line.
 */
public final class PtsFormat {
  /** MATLAB's first pixel is 1; ours is 0. */
  public static final double ONE_BASED_OFFSET = 1.0;

  private static final Pattern VERSION = Pattern.compile("version:\\s*1(\\.0+)?");
  private static final Pattern N_POINTS = Pattern.compile("n_points:\\s*(\\S+)");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern NOT_A_NUMBER = Pattern.compile("[-+]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  private PtsFormat() {}

  /** {@code expectedPoints} that accepts any positive point count (files not tied to a scheme). */
  public static final int ANY_COUNT = 0;

  /**
   * Reads {@code file}, which must hold exactly {@code expectedPoints} points (or any number with
   * {@link #ANY_COUNT}), in 0-based pixels.
   */
  public static Landmarks read(Path file, int expectedPoints) throws IOException, MalformedFileException {
    return parse(TextFiles.read(file), file.toString(), expectedPoints);
  }

  /**
   * Parses the text of a {@code .pts} file into 0-based image pixels.
   *
   * @param fileName used in error messages only
   */
  public static Landmarks parse(String text, String fileName, int expectedPoints) throws MalformedFileException {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    // split keeps "a\n" as one line and "a" (no final newline) as one line alike.
    String[] lines = text.split("\r\n|\r|\n", -1);
    int last = lines.length;
    while (last > 0 && lines[last - 1].isBlank()) {
      last--;
    }
    if (last == 0) {
      throw new MalformedFileException(fileName, 1, "empty .pts file; expected 'version: 1'");
    }
    expectHeader(lines, 0, last, VERSION, fileName, "'version: 1'");
    int declared = declaredPoints(lines, last, fileName);
    if (expectedPoints != ANY_COUNT && declared != expectedPoints) {
      throw new MalformedFileException(fileName, 2,
          "wrong point count: n_points is " + declared + ", this data set needs " + expectedPoints);
    }
    expectHeader(lines, 2, last, Pattern.compile("\\{"), fileName, "'{'");
    float[] xy = new float[2 * declared];
    int i = 3;
    for (int p = 0; p < declared; p++, i++) {
      if (i >= last) {
        throw new MalformedFileException(fileName, i + 1,
            "file ends after " + p + " points; n_points says " + declared + " and a closing '}' must follow");
      }
      String line = lines[i].strip();
      if (line.equals("}")) {
        throw new MalformedFileException(fileName, i + 1,
            "found " + p + " points before '}', n_points says " + declared);
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        throw new MalformedFileException(fileName, i + 1, "expected two numbers 'x y', got " + TextFiles.quote(line));
      }
      xy[2 * p] = (float) (coordinate(parts[0], fileName, i + 1) - ONE_BASED_OFFSET);
      xy[2 * p + 1] = (float) (coordinate(parts[1], fileName, i + 1) - ONE_BASED_OFFSET);
    }
    if (i >= last || !lines[i].strip().equals("}")) {
      String got = i >= last ? "end of file" : TextFiles.quote(lines[i].strip());
      throw new MalformedFileException(fileName, Math.min(i, last) + 1,
          "missing closing '}' after " + declared + " points (or more points than n_points), got " + got);
    }
    if (i + 1 < last) {
      throw new MalformedFileException(fileName, i + 2,
          "unexpected text after the closing '}': " + TextFiles.quote(lines[i + 1].strip()));
    }
    return Landmarks.of(xy);
  }

  /** The text of a {@code .pts} file for 0-based {@code inImage} points (written 1-based). */
  public static String format(Landmarks inImage) {
    StringBuilder b = new StringBuilder();
    b.append("version: 1\n");
    b.append("n_points:  ").append(inImage.count()).append('\n');
    b.append("{\n");
    for (int p = 0; p < inImage.count(); p++) {
      b.append(oneBased(inImage.x(p))).append(' ').append(oneBased(inImage.y(p))).append('\n');
    }
    b.append("}\n");
    return b.toString();
  }

  /** Writes {@link #format} to {@code file} atomically (temp file, then rename), creating parents. */
  public static void write(Path file, Landmarks inImage) throws IOException {
    AtomicFiles.writeString(file, format(inImage));
  }

  /**
   * Parses one coordinate strictly: Java's parser would also take {@code 1d}, {@code 0x1p3} and
   * {@code NaN}, none of which belongs in a .pts file.
   */
  public static double coordinate(String token, String fileName, int line) throws MalformedFileException {
    if (NOT_A_NUMBER.matcher(token).matches()) {
      throw new MalformedFileException(fileName, line, "coordinate " + TextFiles.quote(token) + " is not finite; expected a number");
    }
    if (!NUMBER.matcher(token).matches()) {
      throw new MalformedFileException(fileName, line, "coordinate " + TextFiles.quote(token) + " is not a number");
    }
    double v = Double.parseDouble(token);
    if (!Double.isFinite(v)) {
      throw new MalformedFileException(fileName, line, "coordinate " + TextFiles.quote(token) + " is not finite");
    }
    return v;
  }

  private static void expectHeader(String[] lines, int index, int last, Pattern pattern, String fileName, String what)
      throws MalformedFileException {
    String got = index < last ? lines[index].strip() : null;
    if (got == null || !pattern.matcher(got).matches()) {
      throw new MalformedFileException(fileName, index + 1,
          "expected " + what + ", got " + (got == null ? "end of file" : TextFiles.quote(got)));
    }
  }

  private static int declaredPoints(String[] lines, int last, String fileName) throws MalformedFileException {
    String got = 1 < last ? lines[1].strip() : null;
    Matcher m = got == null ? null : N_POINTS.matcher(got);
    if (m == null || !m.matches()) {
      throw new MalformedFileException(fileName, 2,
          "expected 'n_points: N', got " + (got == null ? "end of file" : TextFiles.quote(got)));
    }
    try {
      int n = Integer.parseInt(m.group(1));
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new MalformedFileException(fileName, 2, "n_points " + TextFiles.quote(m.group(1)) + " is not a positive integer");
    }
  }

  /** Shortest decimal of the float plus one, so that reading it back gives the same float. */
  private static String oneBased(float zeroBased) {
    if (!Float.isFinite(zeroBased)) {
      return Float.toString(zeroBased); // a diverged prediction is written as is, not thrown on
    }
    return new BigDecimal(Float.toString(zeroBased)).add(BigDecimal.valueOf(ONE_BASED_OFFSET))
        .stripTrailingZeros().toPlainString();
  }
}
