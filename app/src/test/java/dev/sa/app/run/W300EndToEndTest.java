package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.SaCli;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated 300W-layout folder: data check, a broken file, and a tiny training through the 300W plugin. */
class W300EndToEndTest {
  @TempDir
  Path dir;

  private static void face(Path folder, String name, Random r) throws Exception {
    Files.createDirectories(folder);
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(200, 170, 140));
    g.fillOval(12, 8, 40, 50);
    g.dispose();
    ImageIO.write(img, "png", folder.resolve(name + ".png").toFile());
    StringBuilder pts = new StringBuilder("version: 1\r\nn_points:  68\r\n{\r\n");
    for (int i = 0; i < 68; i++) {
      double a = 2 * Math.PI * i / 68;
      pts.append(String.format(Locale.ROOT, "%.3f %.3f\r\n", 33 + 15 * Math.cos(a) + r.nextGaussian() * 0.3,
          33 + 18 * Math.sin(a) + r.nextGaussian() * 0.3));
    }
    pts.append("}");
    Files.writeString(folder.resolve(name + ".pts"), pts.toString());
  }

  static int sa(StringWriter out, StringWriter err, String... args) {
    return SaCli.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void dataCheckAndTinyTrainingThrough300w() throws Exception {
    Random r = new Random(2);
    Path root = dir.resolve("300w");
    for (String f : List.of("afw", "helen/trainset", "lfpw/trainset")) {
      for (int i = 0; i < 4; i++) {
        face(root.resolve(f), "img " + i, r);
      }
    }
    for (String f : List.of("helen/testset", "lfpw/testset", "ibug")) {
      for (int i = 0; i < 2; i++) {
        face(root.resolve(f), "t" + i, r);
      }
    }
    String plugins = TinyRun.plugins().toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(sa(out, err, "--plugins", plugins, "data", "check", "--dataset", "300w", "--root", root.toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("train", "12 faces", "official 3148: differs by -3136", "no problems found");

    Files.writeString(root.resolve("afw/img 0.pts"), "version: 1\nn_points:  68\n{\n1 2\n}\n");
    out = new StringWriter();
    err = new StringWriter();
    assertThat(sa(out, err, "--plugins", plugins, "data", "check", "--dataset", "300w", "--root", root.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("img 0.pts");

    Path run = dir.resolve("run");
    err = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("--plugins", plugins, "run", "--out", run.toString(),
        "--set", "dataset.plugin=300w", "--set", "dataset.root=" + root, "--set", "variants=[]",
        "--set", "train.epochs=1", "--set", "sa.epochs=1", "--set", "sa.enabled=true", "--set", "sa.loss=chi2",
        "--set", "input.size=32", "--set", "input.heatmapSize=8", "--set", "backbone.options.channels=8",
        "--set", "backbone.options.stacks=1", "--set", "train.batchSize=4", "--set", "dataset.validationFraction=0"));
    assertThat(sa(new StringWriter(), err, args.toArray(new String[0]))).isEqualTo(2);
    assertThat(err.toString()).contains("problem(s) in data set '300w'").contains("skipBadSamples");
    assertThat(run).as("a data error found before the run folder is made leaves none").doesNotExist();

    args.add("--set");
    args.add("dataset.skipBadSamples=true");
    List<String> oracle = new java.util.ArrayList<>(args);
    oracle.addAll(List.of("--set", "sa.labels=truth", "--set", "sa.enabled=false"));
    err = new StringWriter();
    assertThat(sa(new StringWriter(), err, oracle.toArray(new String[0]))).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).contains("sa.labels: truth needs a data set with known true landmarks");
    assertThat(run).as("the oracle on data without truth is refused before the run folder is made").doesNotExist();
    err = new StringWriter();
    assertThat(sa(new StringWriter(), err, args.toArray(new String[0]))).as(err.toString()).isZero();
    assertThat(err.toString()).contains("skipping 1 bad sample(s)");
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertThat(metrics).anyMatch(l -> l.startsWith("HGs+SA,challenge,annotation,nme,"));
    assertThat(metrics).noneMatch(l -> l.contains(",truth,"));
    assertThat(Files.readString(run.resolve("run-info.csv"))).contains("normalizer,inter-pupil")
        .containsPattern("\nthreads,[1-9][0-9]* \\((config|OMP_NUM_THREADS|cores|part's share|one for a small training step)\\)\n");
  }
}
