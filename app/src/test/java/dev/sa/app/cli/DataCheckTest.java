package dev.sa.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.run.TinyRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 items 8 and 9 through {@code sa data check} on a generated 300W folder: images cut
 * short, an image whose file is complete but whose data is damaged (found only by decoding), and
 * a {@code .pts} with 68 identical points.
 */
@Tag("reliability")
class DataCheckTest {
  @TempDir Path dir;

  private static BufferedImage noise(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  private static String pts(double spread) {
    StringBuilder b = new StringBuilder("version: 1\nn_points:  68\n{\n");
    for (int i = 0; i < 68; i++) {
      double a = 2 * Math.PI * i / 68;
      b.append(String.format(Locale.ROOT, "%.3f %.3f%n", 33 + spread * Math.cos(a), 33 + spread * 1.2 * Math.sin(a)));
    }
    return b.append("}\n").toString();
  }

  private static void face(Path folder, String name, String format, double spread) throws Exception {
    Files.createDirectories(folder);
    ImageIO.write(noise(64), format, folder.resolve(name + "." + format).toFile());
    Files.writeString(folder.resolve(name + ".pts"), pts(spread));
  }

  private static void keep(Path file, byte[] bytes) throws Exception {
    Files.write(file, bytes);
  }

  private Path dataset() throws Exception {
    Path root = dir.resolve("300w");
    for (String f : new String[] {"afw", "helen/trainset", "lfpw/trainset", "helen/testset", "lfpw/testset", "ibug"}) {
      face(root.resolve(f), "good", "png", 15);
    }
    face(root.resolve("afw"), "cut", "png", 15);
    Path cutPng = root.resolve("afw/cut.png");
    keep(cutPng, Arrays.copyOf(Files.readAllBytes(cutPng), 400));
    face(root.resolve("helen/trainset"), "cutscan", "jpg", 15);
    Path cutJpg = root.resolve("helen/trainset/cutscan.jpg");
    byte[] jpg = Files.readAllBytes(cutJpg);
    keep(cutJpg, Arrays.copyOf(jpg, jpg.length / 2));
    // Cut mid-scan and closed with an end-of-image marker: the file looks complete, the data ends early.
    face(root.resolve("lfpw/trainset"), "patched", "jpg", 15);
    Path patched = root.resolve("lfpw/trainset/patched.jpg");
    byte[] p = Files.readAllBytes(patched);
    byte[] half = Arrays.copyOf(p, p.length / 2 + 2);
    half[half.length - 2] = (byte) 0xFF;
    half[half.length - 1] = (byte) 0xD9;
    keep(patched, half);
    face(root.resolve("ibug"), "same", "png", 0);
    return root;
  }

  @Test
  void reportsCutAndDamagedImagesAndZeroSizeAnnotations() throws Exception {
    Path root = dataset();
    Cli c = Cli.run("--plugins", TinyRun.plugins().toString(), "data", "check", "--dataset", "300w", "--root",
        root.toString());
    assertThat(c.code()).as(c.err()).isEqualTo(2);
    assertThat(c.err()).contains(root.resolve("afw/cut.png") + ": truncated PNG: chunk 'IDAT'")
        .contains(root.resolve("helen/trainset/cutscan.jpg") + ": truncated JPEG")
        .contains(root.resolve("lfpw/trainset/patched.jpg") + ": damaged image")
        .contains(root.resolve("ibug/same.pts") + ": zero-size annotation: the 68 points span 0.00 px");
    assertThat(c.out()).contains("4 problem(s) found");
    assertThat(c.err().lines().filter(l -> l.contains("Exception") || l.startsWith("\tat "))).isEmpty();
  }

  @Test
  void headersOnlySkipsTheDecodingStage() throws Exception {
    Path root = dataset();
    Cli c = Cli.run("--plugins", TinyRun.plugins().toString(), "data", "check", "--headers-only", "--dataset", "300w",
        "--root", root.toString());
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).doesNotContain("patched.jpg").doesNotContain("decoding images");
    assertThat(c.out()).contains("3 problem(s) found");
  }

  /** Issue 17 item 8: a PNG cut after 400 bytes stopped training in epoch 1; now it is skipped up front. */
  @Test
  void skipBadSamplesLeavesACutImageOutOfTraining() throws Exception {
    Path root = dir.resolve("300w");
    for (String f : new String[] {"afw", "helen/trainset", "lfpw/trainset"}) {
      for (int i = 0; i < 4; i++) {
        face(root.resolve(f), "f" + i, "png", 15);
      }
    }
    for (String f : new String[] {"helen/testset", "lfpw/testset", "ibug"}) {
      for (int i = 0; i < 2; i++) {
        face(root.resolve(f), "t" + i, "png", 15);
      }
    }
    Path cut = root.resolve("afw/f0.png");
    keep(cut, Arrays.copyOf(Files.readAllBytes(cut), 400));
    List<String> args = new ArrayList<>(List.of("--plugins",
        TinyRun.plugins().toString(), "run", "--out", dir.resolve("run").toString(),
        "--set", "dataset.plugin=300w", "--set", "dataset.root=" + root, "--set", "variants=[]",
        "--set", "train.epochs=1", "--set", "sa.enabled=false", "--set", "input.size=32",
        "--set", "input.heatmapSize=8", "--set", "backbone.options.channels=8", "--set", "backbone.options.stacks=1",
        "--set", "train.batchSize=4", "--set", "dataset.validationFraction=0"));
    Cli refused = Cli.run(args.toArray(new String[0]));
    assertThat(refused.code()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains("1 problem(s) in data set '300w', first: " + cut + ": truncated PNG");
    args.addAll(List.of("--set", "dataset.skipBadSamples=true"));
    Cli c = Cli.run(args.toArray(new String[0]));
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("skipping 1 bad sample(s) of data set '300w'");
  }
}
