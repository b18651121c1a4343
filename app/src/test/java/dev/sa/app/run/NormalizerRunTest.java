package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.cli.Cli;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny {@code sa run} with the rotation normaliser on some variants: the normaliser trains once
 * for its data setup, its errors reach {@code normalizer.csv} and the log, the Norm variants get
 * their own baseline, a resumed run loads the normaliser, and {@code sa predict} turns crops
 * upright too. Bad normaliser configs stop with exit 2 naming the config path.
 */
class NormalizerRunTest {
  @TempDir
  Path dir;

  static final String OPTIONS = "normalizer.options={cropSize: 32, channels: 8, epochs: 2, rotationRange: 45}";

  @Test
  void aTinyRunWithTheNormaliserTrainsItOnceScoresItAndPredictsWithIt() throws Exception {
    Path run = dir.resolve("run");
    List<String> args = new ArrayList<>(TinyRun.args(run, "train.epochs=1", "sa.epochs=1", "evaluate.perEpoch=false",
        OPTIONS, "variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs+Norm, set: {sa.epochs: 0,"
            + " normalizer.plugin: rotation}}, {name: HGs+SA+Norm, set: {sa.enabled: true, normalizer.plugin: rotation}}]"));
    Cli c = Cli.run(args.toArray(new String[0]));
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("normalizer 'rotation': training on 22 faces", "rotation normaliser epoch 2/2");

    List<String> table = Files.readAllLines(run.resolve("normalizer.csv"));
    assertThat(table.get(0)).isEqualTo("setup,plugin,subset,faces,mean_deg,p95_deg,ms_per_face");
    assertThat(table).hasSize(1 + 5);
    for (String subset : List.of("train", "val", "common", "challenge", "full")) {
      String[] row = table.stream().filter(l -> l.contains(",rotation," + subset + ",")).findFirst().orElseThrow()
          .split(",");
      double mean = Double.parseDouble(row[4]);
      double p95 = Double.parseDouble(row[5]);
      assertThat(mean).as(subset).isBetween(0.0, 180.0);
      assertThat(p95).as(subset).isBetween(mean, 180.0);
      assertThat(Double.parseDouble(row[6])).as(subset).isPositive();
    }
    assertThat(Files.readString(run.resolve("run.log"))).contains("normalizer 'rotation' on challenge: rotation error");
    try (var s = Files.list(run)) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names.stream().filter(n -> n.startsWith("normalizer-"))).hasSize(1);
      // HGs trains on plain crops, the Norm variants on upright ones: two baselines
      assertThat(names.stream().filter(n -> n.startsWith("baseline-"))).hasSize(2);
    }
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    for (String v : List.of("HGs", "HGs+Norm", "HGs+SA+Norm")) {
      assertThat(metrics).anyMatch(l -> l.startsWith(v + ",challenge,annotation,nme,"));
    }

    Cli resumed = Cli.run("--plugins", TinyRun.plugins().toString(), "run", "--resume", run.toString());
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("normalizer 'rotation': loaded from normalizer-")
        .doesNotContain("rotation normaliser epoch");

    Path images = Files.createDirectories(dir.resolve("images"));
    BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(3);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 48; x++) {
        img.setRGB(x, y, r.nextInt(0x1000000));
      }
    }
    ImageIO.write(img, "png", images.resolve("a.png").toFile());
    Path boxes = dir.resolve("boxes.csv");
    Files.writeString(boxes, "image,x_min,y_min,x_max,y_max\na.png,4,4,40,44\n");
    Path out = dir.resolve("pred");
    Cli p = Cli.run("--plugins", TinyRun.plugins().toString(), "predict", run.toString(), "--variant", "hgs-norm",
        "--boxes", boxes.toString(), "--out", out.toString(), images.toString());
    assertThat(p.code()).as(p.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("landmarks.csv"));
    assertThat(lines).hasSize(2);
    String[] row = lines.get(1).split(",", -1);
    assertThat(row).hasSize(7 + 2 * 68);
    for (int i = 7; i < row.length; i++) {
      assertThat(Double.parseDouble(row[i])).as("column %d", i).isFinite();
    }
  }

  @Test
  void anUnknownNormaliserOrOptionsOutOfRangeStopTheRunWithExitTwoNamingTheConfigPath() {
    Cli unknown = Cli.run(TinyRun.args(dir.resolve("a"), "normalizer.plugin=rotaton").toArray(new String[0]));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("normalizer.plugin: unknown normalizer plugin 'rotaton'", "rotation");

    Cli range = Cli.run(TinyRun.args(dir.resolve("b"), "normalizer.plugin=rotation",
        "normalizer.options.rotationRange=200").toArray(new String[0]));
    assertThat(range.code()).isEqualTo(2);
    assertThat(range.err()).contains("normalizer.options", "rotationRange: 200.0 is outside 0..180");

    Cli key = Cli.run(TinyRun.args(dir.resolve("c"), "normalizer.plugin=rotation",
        "normalizer.options.angle=3").toArray(new String[0]));
    assertThat(key.code()).isEqualTo(2);
    assertThat(key.err()).contains("normalizer.options.angle");
    for (String d : List.of("a", "b", "c")) {
      assertThat(dir.resolve(d)).doesNotExist();
    }
  }
}
