package dev.sa.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, bad data files through {@code sa data check} on a generated 300W folder: each
 * malformed {@code .pts} and each bad image is exit 2 with exactly one problem line naming the file
 * (and the line), and the rest of the folder is accepted.
 */
@Tag("reliability")
class InputCasesTest {
  @TempDir
  Path dir;

  private static final String[] FOLDERS = {"afw", "helen/trainset", "lfpw/trainset", "helen/testset", "lfpw/testset",
      "ibug"};

  static String pts(double spread) {
    StringBuilder b = new StringBuilder("version: 1\nn_points:  68\n{\n");
    for (int i = 0; i < 68; i++) {
      double a = 2 * Math.PI * i / 68;
      b.append(String.format(Locale.ROOT, "%.3f %.3f%n", 33 + spread * Math.cos(a), 33 + spread * 1.2 * Math.sin(a)));
    }
    return b.append("}\n").toString();
  }

  private static byte[] png() throws Exception {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(5);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    var out = new java.io.ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** A 300W folder with one good face per folder, plus {@code bad.png} + {@code bad.pts} in afw. */
  private Path dataset(String badPts, byte[] badImage) throws Exception {
    Path root = dir.resolve("300w");
    byte[] good = png();
    for (String f : FOLDERS) {
      Files.createDirectories(root.resolve(f));
      Files.write(root.resolve(f).resolve("good.png"), good);
      Files.writeString(root.resolve(f).resolve("good.pts"), pts(15));
    }
    Files.write(root.resolve("afw/bad.png"), badImage == null ? good : badImage);
    Files.writeString(root.resolve("afw/bad.pts"), badPts == null ? pts(15) : badPts);
    return root;
  }

  private Cli check(Path root, boolean decode) {
    List<String> args = new java.util.ArrayList<>(List.of("data", "check", "--dataset", "300w", "--root",
        root.toString()));
    if (!decode) {
      args.add("--headers-only");
    }
    return Outcome.sa(args);
  }

  static Stream<Arguments> badPts() {
    String good = pts(15);
    String[] lines = good.split("\n");
    return Stream.of(
        Arguments.of("wrong count", good.replace("n_points:  68", "n_points:  67"), ":2: "),
        Arguments.of("count not a number", good.replace("n_points:  68", "n_points:  x"), ":2: "),
        Arguments.of("bad version", good.replace("version: 1", "version: 2"), ":1: "),
        Arguments.of("non-numeric", good.replace(lines[7], "5.000 abc"), ":8: "),
        Arguments.of("java suffix", good.replace(lines[7], "5.000 9d"), ":8: "),
        Arguments.of("NaN", good.replace(lines[7], "NaN 9.000"), ":8: "),
        Arguments.of("infinite", good.replace(lines[7], "Infinity 9.000"), ":8: "),
        Arguments.of("three numbers", good.replace(lines[7], lines[7] + " 1"), ":8: "),
        Arguments.of("one number", good.replace(lines[7], "5.000"), ":8: "),
        Arguments.of("missing {", good.replace("{\n", ""), ":3: "),
        Arguments.of("missing }", good.substring(0, good.lastIndexOf('}')), ":72: "),
        Arguments.of("too few points", good.replace(lines[70] + "\n", ""), ":71: "),
        Arguments.of("too many points", good.replace("}\n", "1 2\n}\n"), ":72: "),
        Arguments.of("text after }", good + "junk\n", ":73: "),
        Arguments.of("empty", "", ":1: "),
        Arguments.of("binary", "\u0000\u0001\u0002PNG\u0000\u00ff".repeat(30), ":1: not a text file"),
        Arguments.of("a very long line", good.replace(lines[7], "1".repeat(100_000)), ":8: "),
        Arguments.of("68 identical points", pts(0), ": zero-size annotation"),
        Arguments.of("both eyes on one spot", eyesTogether(good), ": zero-size annotation"));
  }

  private static String eyesTogether(String good) {
    String[] l = good.split("\n");
    for (int i = 36; i < 48; i++) {
      l[i + 3] = "40.000 30.000";
    }
    return String.join("\n", l) + "\n";
  }

  @ParameterizedTest(name = "pts: {0}")
  @MethodSource("badPts")
  void aMalformedPtsIsOneProblemNamingFileAndLine(String what, String text, String where) throws Exception {
    Path root = dataset(text, null);
    Cli c = check(root, false);
    Outcome.oneProblem(c, 2, root.resolve("afw/bad.pts") + where);
    assertThat(c.err()).doesNotContain("\u0000");
    assertThat(c.err().length()).as("bounded").isLessThan(1000);
    assertThat(c.out()).contains("1 problem(s) found");
  }

  static Stream<Arguments> badImages() {
    Function<byte[], byte[]> cut400 = b -> Arrays.copyOf(b, 400);
    Function<byte[], byte[]> cutHalf = b -> Arrays.copyOf(b, b.length / 2);
    Function<byte[], byte[]> zero = b -> new byte[0];
    Function<byte[], byte[]> text = b -> "this is not an image\n".getBytes();
    Function<byte[], byte[]> header = b -> Arrays.copyOf(b, 33);
    Function<byte[], byte[]> huge = b -> {
      byte[] c = Arrays.copyOf(b, 200);
      // IHDR width and height (bytes 16-23) claim 19000 x 19000.
      for (int i : new int[] {16, 20}) {
        c[i] = 0;
        c[i + 1] = 0;
        c[i + 2] = (byte) (19000 >> 8);
        c[i + 3] = (byte) (19000 & 0xff);
      }
      return c;
    };
    Function<byte[], byte[]> flipped = b -> {
      byte[] c = b.clone();
      for (int i = c.length / 2; i < c.length / 2 + 64; i++) {
        c[i] ^= 0x5a;
      }
      return c;
    };
    return Stream.of(Arguments.of("cut after 400 bytes", cut400), Arguments.of("cut in half", cutHalf),
        Arguments.of("zero bytes", zero), Arguments.of("text named .png", text), Arguments.of("header only", header),
        Arguments.of("huge declared size, cut", huge), Arguments.of("damaged data, complete file", flipped));
  }

  @ParameterizedTest(name = "image: {0}")
  @MethodSource("badImages")
  void aBadImageIsOneProblemNamingIt(String what, Function<byte[], byte[]> damage) throws Exception {
    Path root = dataset(null, damage.apply(png()));
    Cli c = check(root, true);
    Outcome.oneProblem(c, 2, root.resolve("afw/bad.png") + ": ");
    assertThat(c.out()).contains("1 problem(s) found");
  }
}
