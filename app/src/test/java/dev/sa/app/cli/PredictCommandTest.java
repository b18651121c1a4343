package dev.sa.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.api.Schemes;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.SaConfig;
import dev.sa.app.eval.Nme;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Rows;
import dev.sa.app.predict.PtsText;
import dev.sa.app.run.TinyRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sa predict} on a tiny run trained once for the class: an hourglass baseline, a shared SA
 * continuation with and without the PCA refiner, and a ResNet regression variant.
 */
class PredictCommandTest {
  static final int N = 68;

  @TempDir
  static Path shared;

  static Path run;
  static Path images;
  static Path boxes;

  @TempDir
  Path dir;

  @BeforeAll
  static void trainTinyRun() throws Exception {
    run = shared.resolve("run");
    List<String> args = new ArrayList<>(TinyRun.args(run, "train.epochs=1", "sa.epochs=1",
        "dataset.options.trainSize=8", "dataset.options.commonSize=2", "dataset.options.challengeSize=2",
        "backbone.options.channels=8", "evaluate.perEpoch=false",
        "variants=[{name: HGs, set: {sa.epochs: 0}}, {name: HGs+SA, set: {sa.enabled: true}},"
            + " {name: HGs+SA+PCA, set: {sa.enabled: true, refiner.plugin: pca}},"
            + " {name: Reg, set: {sa.epochs: 0, backbone.plugin: resnet, backbone.options: {depth: 18}}}]"));
    Cli c = Cli.run(args.toArray(new String[0]));
    assertThat(c.code()).as(c.err()).isZero();
    images = Files.createDirectories(shared.resolve("images"));
    Random r = new Random(7);
    write(images.resolve("b.png"), 64, 48, r);
    write(images.resolve("a.png"), 40, 56, r);
    boxes = shared.resolve("boxes.csv");
    Files.writeString(boxes, "image,x_min,y_min,x_max,y_max\na.png,4,10,34,40\nsome/dir/b.png,10.5,6,50.5,46\n");
  }

  static void write(Path file, int w, int h, Random r) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(0x1000000));
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }

  static Cli predict(String... args) {
    List<String> a = new ArrayList<>(List.of("--plugins", TinyRun.plugins().toString(), "predict"));
    a.addAll(List.of(args));
    return Cli.run(a.toArray(new String[0]));
  }

  /** Rows of landmarks.csv per image, after checking header and count. */
  static List<String[]> rows(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("landmarks.csv"));
    assertThat(lines.get(0)).isEqualTo("image,point,x,y");
    List<String[]> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      rows.add(l.split(","));
    }
    return rows;
  }

  static void assertNear(List<String[]> rows, String image, double x1, double y1, double x2, double y2,
      double margin) {
    List<String[]> mine = rows.stream().filter(r -> r[0].endsWith(image)).toList();
    assertThat(mine).hasSize(N);
    for (int k = 0; k < N; k++) {
      String[] r = mine.get(k);
      assertThat(Integer.parseInt(r[1])).isEqualTo(k);
      double x = Double.parseDouble(r[2]);
      double y = Double.parseDouble(r[3]);
      assertThat(Double.isFinite(x) && Double.isFinite(y)).isTrue();
      assertThat(x).isBetween(x1 - margin, x2 + margin);
      assertThat(y).isBetween(y1 - margin, y2 + margin);
    }
  }

  static void assertOutputs(Path out, List<String> stems) throws Exception {
    for (String s : stems) {
      Landmarks l = PtsText.read(out.resolve("pts").resolve(s + ".pts"));
      assertThat(l.count()).isEqualTo(N);
      assertThat(l.isFinite()).isTrue();
      BufferedImage img = ImageIO.read(out.resolve("overlays").resolve(s + ".png").toFile());
      assertThat(img).isNotNull();
    }
    try (var files = Files.walk(out)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void hourglassWithBoxesFileWritesCsvPtsAndOverlays() throws Exception {
    Path out = dir.resolve("out");
    Cli c = predict(run.toString(), "--variant", "HGs", "--boxes", boxes.toString(), "--out", out.toString(),
        images.resolve("a.png").toString(), images.resolve("b.png").toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("variant 'HGs': baseline checkpoint", "face boxes of 2 image(s): 2 from "
        + boxes);
    List<String[]> rows = rows(out);
    assertThat(rows).hasSize(2 * N);
    // the crop is the box's square (input.boxScale 1): heatmap peaks stay inside it
    assertNear(rows, "a.png", 4, 10, 34, 40, 1.0);
    assertNear(rows, "b.png", 10.5, 6, 50.5, 46, 1.0);
    assertOutputs(out, List.of("a", "b"));
    BufferedImage overlay = ImageIO.read(out.resolve("overlays/b.png").toFile());
    assertThat(overlay.getWidth()).isEqualTo(64);
    assertThat(overlay.getHeight()).isEqualTo(48);
    assertThat(Files.readAllLines(out.resolve("boxes.csv"))).containsExactly(
        "image,x_min,y_min,x_max,y_max,source", images.resolve("a.png") + ",4,10,34,40,boxes_file",
        images.resolve("b.png") + ",10.5,6,50.5,46,boxes_file");
    assertThat(c.out()).contains("predicted 68 landmarks on 2 image(s) with variant 'HGs'");
  }

  @Test
  void defaultVariantIsTheLastTrainedOneAResNetAndFoldersAreReadInNameOrder() throws Exception {
    Cli c = predict(run.toString(), "--boxes", boxes.toString(), images.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("variant 'Reg' (the last with a trained checkpoint)");
    Path out = run.resolve("predictions/reg");
    List<String[]> rows = rows(out);
    assertThat(rows).hasSize(2 * N);
    assertThat(rows.get(0)[0]).endsWith("a.png");
    assertThat(rows.get(N)[0]).endsWith("b.png");
    // regression outputs are not bounded by the crop (and one epoch on six faces trains little):
    // finite only; predictionsOnTheRunsTestFacesReproduceItsEvaluation checks them against the run
    assertNear(rows, "a.png", 4, 10, 34, 40, Double.POSITIVE_INFINITY);
    assertNear(rows, "b.png", 10.5, 6, 50.5, 46, Double.POSITIVE_INFINITY);
    assertOutputs(out, List.of("a", "b"));
  }

  @Test
  void refinerOfASharedContinuationIsAppliedAndPtsBesideTheImageGivesTheBox() throws Exception {
    Path own = Files.createDirectories(dir.resolve("own"));
    Files.copy(images.resolve("a.png"), own.resolve("face.png"));
    StringBuilder pts = new StringBuilder("version: 1\nn_points: 3\n{\n11 16\n31 16\n21 36\n}\n");
    Files.writeString(own.resolve("face.pts"), pts);
    Files.copy(images.resolve("b.png"), own.resolve("whole.png"));
    Path out = dir.resolve("out");
    Cli c = predict(run.toString(), "--variant", "hgs-sa-pca", "--out", out.toString(), own.toString());
    assertThat(c.code()).as(c.err()).isZero();
    // HGs+SA+PCA shares HGs+SA's continuation: its checkpoint lives in variants/hgs-sa
    assertThat(c.err()).contains("variant 'HGs+SA+PCA': continuation checkpoint variants/hgs-sa/ckpt/epoch-0001"
        + " (epoch 1 of 1)");
    assertThat(c.err()).contains("face boxes of 2 image(s): 1 from .pts files beside the images, 1 whole image");
    assertThat(c.out()).contains("and refiner 'pca'");
    List<String[]> rows = rows(out);
    assertThat(rows).hasSize(2 * N);
    // the tight box of the .pts points (0-based 10..30 x 15..35), enlarged 1.25x by the synthetic data set
    assertThat(Files.readAllLines(out.resolve("boxes.csv")).get(1)).endsWith(",7.5,12.5,32.5,37.5,pts");
    assertThat(Files.readAllLines(out.resolve("boxes.csv")).get(2)).endsWith(",-0.5,-0.5,63.5,47.5,whole_image");
    assertOutputs(out, List.of("face", "whole"));
  }

  /**
   * Predicting on the run's own test faces (rendered to PNG, their boxes in a CSV) reproduces the
   * per-face NME that the run's evaluation wrote to errors.csv: same crop, forward pass, decoding
   * and refiner, for a heatmap variant with the PCA refiner and for the regression variant.
   */
  @Test
  void predictionsOnTheRunsTestFacesReproduceItsEvaluation() throws Exception {
    ConfigLoader.Loaded loaded = ConfigLoader.load(run.resolve("resolved-config.yaml"), List.of());
    SaConfig c = loaded.config();
    Path faces = Files.createDirectories(dir.resolve("faces"));
    List<FaceSample> samples;
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false)) {
      DatasetPlugin dp = host.dataset(c.dataset().plugin(), "dataset.plugin");
      Record options = PluginOptions.bind(c.dataset().options(), dp.optionsType(), "dataset.options", "test");
      Dataset ds = dp.open(new DatasetContext(Path.of(c.dataset().root()), c.seed(), "dataset"), options);
      samples = ds.split("common");
      StringBuilder csv = new StringBuilder("image,x_min,y_min,x_max,y_max\n");
      for (FaceSample s : samples) {
        String name = s.id().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
        ImageIO.write(s.image().load(), "png", faces.resolve(name).toFile());
        csv.append(name).append(',').append(s.box().x1()).append(',').append(s.box().y1()).append(',')
            .append(s.box().x2()).append(',').append(s.box().y2()).append('\n');
      }
      Files.writeString(dir.resolve("faces.csv"), csv.toString());
    }
    assertThat(samples).hasSize(2);
    Rows errors = Rows.read(run.resolve("errors.csv"), "variant", "subset", "target", "face", "nme");
    Normalization norm = Schemes.ibug68().defaultNormalization();
    for (String variant : List.of("HGs+SA+PCA", "Reg")) {
      Path out = dir.resolve("pred-" + variant);
      Cli p = predict(run.toString(), "--variant", variant, "--boxes", dir.resolve("faces.csv").toString(), "--out",
          out.toString(), faces.toString());
      assertThat(p.code()).as(p.err()).isZero();
      List<String[]> rows = rows(out);
      for (FaceSample s : samples) {
        String name = s.id().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
        float[] xy = new float[2 * N];
        for (String[] r : rows) {
          if (r[0].endsWith(name)) {
            int k = Integer.parseInt(r[1]);
            xy[2 * k] = Float.parseFloat(r[2]);
            xy[2 * k + 1] = Float.parseFloat(r[3]);
          }
        }
        double nme = Nme.face(Landmarks.of(xy), s.landmarksInImage(), s.visible(), norm, s.box());
        double expected = errors.value(variant, "common", "annotation", s.id());
        assertThat(expected).as(variant + " " + s.id()).isFinite();
        assertThat(nme).as(variant + " " + s.id()).isCloseTo(expected, within(1e-5 + 1e-4 * Math.abs(expected)));
      }
    }
  }

  // ---- bad input: exit 2, one line naming the culprit

  static void assertOneLineError(Cli c, String... parts) {
    assertThat(c.code()).as(c.err()).isEqualTo(2);
    List<String> errors = c.err().lines().filter(l -> !l.startsWith("sa: warning")).toList();
    assertThat(errors).as(c.err()).hasSize(1);
    assertThat(errors.get(0)).startsWith("sa: ").contains(parts);
  }

  @Test
  void missingRunFolderExitsTwo() {
    Path nope = dir.resolve("nope");
    assertOneLineError(predict(nope.toString(), images.toString()), nope + ": no such run folder");
  }

  @Test
  void folderThatIsNotARunExitsTwo() {
    assertOneLineError(predict(dir.toString(), images.toString()), dir + ": not a run folder");
  }

  @Test
  void unknownVariantExitsTwoListingTheValidOnes() {
    assertOneLineError(predict(run.toString(), "--variant", "hgs-sa-pcaa", images.toString()),
        "--variant: 'hgs-sa-pcaa' not found (did you mean 'hgs-sa-pca'?)", "[hgs, hgs-sa, hgs-sa-pca, reg]");
  }

  @Test
  void noImagesExitsTwo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no faces here");
    assertOneLineError(predict(run.toString(), empty.toString()), "no images found in [" + empty + "]");
  }

  @Test
  void unreadableImageExitsTwoNamingIt() throws Exception {
    Path broken = dir.resolve("broken.png");
    Files.writeString(broken, "not a png");
    assertOneLineError(predict(run.toString(), images.resolve("a.png").toString(), broken.toString()),
        broken + ": not a readable image");
  }

  @Test
  void malformedBoxesFileExitsTwoNamingFileAndLine() throws Exception {
    Path csv = dir.resolve("bad-boxes.csv");
    Files.writeString(csv, "image,x_min,y_min,x_max,y_max\na.png,1,2,30,40\nb.png,1,two,30,40\n");
    assertOneLineError(predict(run.toString(), "--boxes", csv.toString(), images.toString()),
        csv + ":3: y_min 'two' is not a number");
    Files.writeString(csv, "file,x,y\na.png,1,2\n");
    assertOneLineError(predict(run.toString(), "--boxes", csv.toString(), images.toString()),
        csv + ":1: expected the header 'image,x_min,y_min,x_max,y_max'");
    Files.writeString(csv, "image,x_min,y_min,x_max,y_max\na.png,30,2,10,40\n");
    assertOneLineError(predict(run.toString(), "--boxes", csv.toString(), images.toString()),
        csv + ":2: box of 'a.png' needs x_min < x_max");
    assertOneLineError(predict(run.toString(), "--boxes", dir.resolve("none.csv").toString(), images.toString()),
        dir.resolve("none.csv") + ": boxes file not found");
  }

  @Test
  void videoExitsTwoSuggestingFrames() throws Exception {
    Path clip = dir.resolve("clip.mp4");
    Files.writeString(clip, "video bytes");
    assertOneLineError(predict(run.toString(), clip.toString()), clip + ": video is not supported",
        "extract its frames to a folder");
  }
}
