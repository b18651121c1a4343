package dev.sa.app.predict;

import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.support.MalformedFileException;
import dev.sa.support.PtsFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * The iBUG {@code .pts} files of {@code sa predict} and {@code sa align}: plugin-support's
 * {@link PtsFormat} (1-based MATLAB pixels in the file, 0-based pixel centres in
 * {@link Landmarks}) with any point count, and errors as invalid input (exit 2) naming file and
 * line.
 */
public final class PtsText {
  private PtsText() {}

  /** The text of a {@code .pts} file for 0-based {@code inImage} points (written 1-based). */
  public static String format(Landmarks inImage) {
    return PtsFormat.format(inImage);
  }

  /** Reads a {@code .pts} file with any number of points, in 0-based pixels; bad files: exit 2 with file:line. */
  public static Landmarks read(Path file) {
    try {
      return PtsFormat.read(file, PtsFormat.ANY_COUNT);
    } catch (MalformedFileException e) {
      throw SaException.invalidInput(e.problem().toString());
    } catch (IOException e) {
      throw SaException.invalidInput(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Parses the text of a {@code .pts} file; {@code fileName} names it in error messages. */
  public static Landmarks parse(String text, String fileName) {
    try {
      return PtsFormat.parse(text, fileName, PtsFormat.ANY_COUNT);
    } catch (MalformedFileException e) {
      throw SaException.invalidInput(e.problem().toString());
    }
  }

  /** Shortest decimal that reads back as the same float, never in exponent notation. */
  public static String plain(float value) {
    if (!Float.isFinite(value)) {
      return Float.toString(value);
    }
    return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
  }
}
