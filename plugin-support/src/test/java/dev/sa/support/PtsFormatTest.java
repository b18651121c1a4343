package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.Landmarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PtsFormatTest {
  /** A file with {@code n} points (i+1, 2i+1), i.e. 0-based (i, 2i). */
  private static String official(int n, String eol, String nPointsSpaces) {
    StringBuilder b = new StringBuilder("version: 1" + eol + "n_points:" + nPointsSpaces + n + eol + "{" + eol);
    for (int i = 0; i < n; i++) {
      b.append(i + 1).append(".000 ").append(2 * i + 1).append(".000").append(eol);
    }
    return b.append("}").append(eol).toString();
  }

  private static void assertOneBasedShift(Landmarks l, int n) {
    assertThat(l.count()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(l.x(i)).isEqualTo(i);
      assertThat(l.y(i)).isEqualTo(2 * i);
    }
  }

  @Test
  void readsTheOfficialFormAndShiftsToZeroBased() throws Exception {
    assertOneBasedShift(PtsFormat.parse(official(68, "\n", "  "), "a.pts", 68), 68);
  }

  @Test
  void acceptsTheVariantsSeenInTheWild() throws Exception {
    assertOneBasedShift(PtsFormat.parse(official(68, "\r\n", " "), "crlf.pts", 68), 68);
    String noFinalNewline = official(68, "\n", "  ");
    assertOneBasedShift(PtsFormat.parse(noFinalNewline.substring(0, noFinalNewline.length() - 1), "a.pts", 68), 68);
    assertOneBasedShift(PtsFormat.parse(official(68, "\n", "  ").replace("version: 1", "version: 1.0"), "v.pts", 68), 68);
    assertOneBasedShift(PtsFormat.parse("\uFEFF" + official(68, "\n", "\t") + "\n\n", "bom.pts", 68), 68);
    assertOneBasedShift(PtsFormat.parse(official(68, "\n", "  ").replace(".000 ", ".000\t"), "tab.pts", 68), 68);
  }

  static Stream<Arguments> broken() {
    String good = official(68, "\n", "  ");
    String[] lines = good.split("\n");
    return Stream.of(
        Arguments.of("wrong count", good.replace("n_points:  68", "n_points:  67"), 2, "n_points is 67"),
        Arguments.of("count not a number", good.replace("n_points:  68", "n_points:  x"), 2, "not a positive integer"),
        Arguments.of("bad version", good.replace("version: 1", "version: 2"), 1, "expected 'version: 1'"),
        Arguments.of("non-numeric", good.replace("5.000 9.000", "5.000 abc"), 8, "'abc' is not a number"),
        Arguments.of("java suffix", good.replace("5.000 9.000", "5.000 9d"), 8, "'9d' is not a number"),
        Arguments.of("NaN", good.replace("5.000 9.000", "NaN 9.000"), 8, "not finite"),
        Arguments.of("three numbers", good.replace("5.000 9.000", "5.000 9.000 1"), 8, "expected two numbers"),
        Arguments.of("missing {", good.replace("{\n", ""), 3, "expected '{'"),
        Arguments.of("missing }", good.substring(0, good.lastIndexOf('}')), 72, "missing closing '}'"),
        Arguments.of("too few points", good.replace(lines[70] + "\n", ""), 71, "found 67 points before '}'"),
        Arguments.of("too many points", good.replace("}\n", "1 2\n}\n"), 72, "missing closing '}'"),
        Arguments.of("text after }", good + "junk\n", 73, "unexpected text"),
        Arguments.of("empty", "", 1, "empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void eachBrokenVariantNamesFileAndLine(String what, String text, int line, String message) {
    assertThatThrownBy(() -> PtsFormat.parse(text, "f.pts", 68))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> {
          assertThat(e.file()).isEqualTo("f.pts");
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.getMessage()).contains(message);
          assertThat(e.problem().toString()).startsWith("f.pts:" + line + ": ");
        });
  }

  @Test
  void writesOneBasedAndRoundTripsExactly(@TempDir Path dir) throws Exception {
    Random random = new Random(7);
    float[] xy = new float[136];
    for (int i = 0; i < xy.length; i++) {
      xy[i] = (float) (random.nextDouble() * 500 - 10);
    }
    xy[0] = 0f;
    xy[1] = 41.5f;
    Landmarks inImage = Landmarks.of(xy);
    Path file = dir.resolve("sub dir/a b.pts");
    PtsFormat.write(file, inImage);
    String text = Files.readString(file);
    assertThat(text).startsWith("version: 1\nn_points:  68\n{\n1 42.5\n").endsWith("}\n");
    assertThat(PtsFormat.read(file, 68)).isEqualTo(inImage);
  }
}
