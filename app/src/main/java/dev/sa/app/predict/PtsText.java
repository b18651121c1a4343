package dev.sa.app.predict;

import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The iBUG {@code .pts} format of 300W, as the 300W plugin's {@code PtsFormat} (which the host cannot
 * compile against) reads and writes it, and as {@code sa align} exports it: 1-based MATLAB pixels in
 * the file, 0-based pixel centres in {@link Landmarks}.
 *
 * <pre>
 * version: 1
 * n_points:  68
 * {
 * x y        (one line per point)
 * }
 * </pre>
 */
public final class PtsText {
  /** MATLAB's first pixel is 1; ours is 0. */
  static final double ONE_BASED_OFFSET = 1.0;

  private static final Pattern VERSION = Pattern.compile("version:\\s*1(\\.0+)?");
  private static final Pattern N_POINTS = Pattern.compile("n_points:\\s*(\\S+)");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private PtsText() {}

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

  /** Reads a {@code .pts} file with any number of points, in 0-based pixels; bad files: exit 2 with file:line. */
  public static Landmarks read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw SaException.invalidInput(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses the text of a {@code .pts} file; {@code fileName} names it in error messages. */
  public static Landmarks parse(String text, String fileName) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    int last = lines.length;
    while (last > 0 && lines[last - 1].isBlank()) {
      last--;
    }
    if (last == 0 || !VERSION.matcher(lines[0].strip()).matches()) {
      throw bad(fileName, 1, "expected 'version: 1', got " + got(lines, 0, last));
    }
    Matcher m = last > 1 ? N_POINTS.matcher(lines[1].strip()) : null;
    if (m == null || !m.matches()) {
      throw bad(fileName, 2, "expected 'n_points: N', got " + got(lines, 1, last));
    }
    int n;
    try {
      n = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n <= 0) {
      throw bad(fileName, 2, "n_points '" + m.group(1) + "' is not a positive integer");
    }
    if (last < 3 || !lines[2].strip().equals("{")) {
      throw bad(fileName, 3, "expected '{', got " + got(lines, 2, last));
    }
    float[] xy = new float[2 * n];
    int i = 3;
    for (int p = 0; p < n; p++, i++) {
      if (i >= last || lines[i].strip().equals("}")) {
        throw bad(fileName, i + 1, "found " + p + " points, n_points says " + n);
      }
      String[] parts = lines[i].strip().split("\\s+");
      if (parts.length != 2 || !NUMBER.matcher(parts[0]).matches() || !NUMBER.matcher(parts[1]).matches()) {
        throw bad(fileName, i + 1, "expected two numbers 'x y', got '" + lines[i].strip() + "'");
      }
      double x = Double.parseDouble(parts[0]);
      double y = Double.parseDouble(parts[1]);
      if (!Double.isFinite(x + y)) {
        throw bad(fileName, i + 1, "coordinates '" + lines[i].strip() + "' are not finite");
      }
      xy[2 * p] = (float) (x - ONE_BASED_OFFSET);
      xy[2 * p + 1] = (float) (y - ONE_BASED_OFFSET);
    }
    if (i >= last || !lines[i].strip().equals("}")) {
      throw bad(fileName, Math.min(i, last) + 1, "expected '}' after " + n + " points, got " + got(lines, i, last));
    }
    return Landmarks.of(xy);
  }

  /** Shortest decimal that reads back as the same float, never in exponent notation. */
  public static String plain(float value) {
    if (!Float.isFinite(value)) {
      return Float.toString(value);
    }
    return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
  }

  /** The 1-based decimal of a 0-based float, exact, so that reading it back gives the same float. */
  static String oneBased(float zeroBased) {
    if (!Float.isFinite(zeroBased)) {
      return Float.toString(zeroBased);
    }
    return new BigDecimal(Float.toString(zeroBased)).add(BigDecimal.valueOf(ONE_BASED_OFFSET)).stripTrailingZeros()
        .toPlainString();
  }

  private static String got(String[] lines, int index, int last) {
    return index < last ? "'" + lines[index].strip() + "'" : "end of file";
  }

  private static SaException bad(String file, int line, String message) {
    return SaException.invalidInput(file + ":" + line + ": " + message);
  }
}
