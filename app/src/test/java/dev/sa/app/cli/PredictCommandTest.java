package dev.sa.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceBox;
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
import dev.sa.app.method.Frames;
import dev.sa.app.predict.PredictionWriter;
import dev.sa.app.predict.Predictor;
import dev.sa.app.predict.TrainedVariants;
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

  /** Rows of landmarks.csv (one per face) as {@code image,point,x,y} rows, after checking the header. */
  static List<String[]> rows(Path out) throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (String[] f : faceRows(out)) {
      for (int k = 0; k < N; k++) {
        rows.add(new String[] {f[0], Integer.toString(k), f[7 + 2 * k], f[8 + 2 * k]});
      }
    }
    return rows;
  }

  /** The rows of landmarks.csv: image,face,x_min,y_min,x_max,y_max,score,x0,y0,... */
  static List<String[]> faceRows(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("landmarks.csv"));
    assertThat(lines.get(0)).isEqualTo(PredictionWriter.header(N));
    List<String[]> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      assertThat(f).hasSize(7 + 2 * N);
      rows.add(f);
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

  static void assertOutputs(Path out, List<String> stems, List<String> faces) throws Exception {
    for (String f : faces) {
      Landmarks l = PtsText.read(out.resolve("pts").resolve(f + ".pts"));
      assertThat(l.count()).isEqualTo(N);
      assertThat(l.isFinite()).isTrue();
    }
    try (var files = Files.list(out.resolve("pts"))) {
      assertThat(files.count()).isEqualTo(faces.size());
    }
    for (String s : stems) {
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
    // the crop is the box enlarged 1.25x as the synthetic data set's (input.boxScale 1): heatmap peaks stay inside it
    assertNear(rows, "a.png", 0.25, 6.25, 37.75, 43.75, 1.0);
    assertNear(rows, "b.png", 5.5, 1, 55.5, 51, 1.0);
    assertOutputs(out, List.of("a", "b"), List.of("a_face0", "b_face0"));
    BufferedImage overlay = ImageIO.read(out.resolve("overlays/b.png").toFile());
    assertThat(overlay.getWidth()).isEqualTo(64);
    assertThat(overlay.getHeight()).isEqualTo(48);
    assertThat(Files.readAllLines(out.resolve("boxes.csv"))).containsExactly(
        "image,x_min,y_min,x_max,y_max,face,score,source", images.resolve("a.png") + ",4,10,34,40,0,,boxes_file",
        images.resolve("b.png") + ",10.5,6,50.5,46,0,,boxes_file");
    assertThat(faceRows(out).get(0)).startsWith(images.resolve("a.png").toString(), "0", "4", "10", "34", "40", "");
    assertThat(c.out()).contains("predicted landmarks of 2 face(s) in 2 image(s) with variant 'HGs'");
    assertThat(c.out().lines().filter(l -> l.startsWith("time: "))).singleElement().asString()
        .matches("time: face boxes \\d+\\.\\d ms per image \\(2 image\\(s\\): decoding and detection, the detector's"
            + " start included\\), landmarks \\d+\\.\\d ms per face \\(2 face\\(s\\)\\); loading the network and"
            + " writing not counted");
  }

  @Test
  void defaultVariantIsTheBestOnValidationAndFoldersAreReadInNameOrder() throws Exception {
    // the expected choice, computed here from the run's metrics: the lowest validation NME
    String best = null;
    double bestNme = Double.POSITIVE_INFINITY;
    for (String line : Files.readAllLines(run.resolve("metrics.csv"))) {
      String[] f = line.split(",");
      if (f.length == 6 && f[1].equals("val") && f[2].equals("annotation") && f[3].equals("nme")
          && !f[0].equals("mean-shape") && Double.parseDouble(f[4]) < bestNme) {
        bestNme = Double.parseDouble(f[4]);
        best = f[0];
      }
    }
    assertThat(best).as("the tiny run has validation faces").isNotNull();
    Cli c = predict(run.toString(), "--variant", "Reg", "--boxes", boxes.toString(), images.toString());
    assertThat(c.code()).as(c.err()).isZero();
    Cli d = predict(run.toString(), "--boxes", boxes.toString(), "--out", dir.resolve("default").toString(),
        images.resolve("a.png").toString());
    assertThat(d.code()).as(d.err()).isZero();
    assertThat(d.err()).contains("variant '" + best + "' (the lowest validation NME of the run's non-oracle variants");
    Path out = run.resolve("predictions/reg");
    List<String[]> rows = rows(out);
    assertThat(rows).hasSize(2 * N);
    assertThat(rows.get(0)[0]).endsWith("a.png");
    assertThat(rows.get(N)[0]).endsWith("b.png");
    // regression outputs are not bounded by the crop (and one epoch on six faces trains little):
    // finite only; predictionsOnTheRunsTestFacesReproduceItsEvaluation checks them against the run
    assertNear(rows, "a.png", 4, 10, 34, 40, Double.POSITIVE_INFINITY);
    assertNear(rows, "b.png", 10.5, 6, 50.5, 46, Double.POSITIVE_INFINITY);
    assertOutputs(out, List.of("a", "b"), List.of("a_face0", "b_face0"));
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
    // the tight box of the .pts points (0-based 10..30 x 15..35): the predictor enlarges it as the data set does
    assertThat(Files.readAllLines(out.resolve("boxes.csv")).get(1)).endsWith(",10,15,30,35,0,,pts");
    // the whole 64 x 48 image is the enlarged box: its face box is the image shrunk 1.25x about its centre
    String[] whole = Files.readAllLines(out.resolve("boxes.csv")).get(2).split(",");
    assertThat(whole[whole.length - 1]).isEqualTo("whole_image");
    double[] expected = {31.5 - 25.6, 23.5 - 19.2, 31.5 + 25.6, 23.5 + 19.2};
    for (int k = 0; k < 4; k++) {
      assertThat(Double.parseDouble(whole[1 + k])).isCloseTo(expected[k], within(1e-9));
    }
    // the noise image has no face: the detector finds none, and the whole image is used with a warning
    assertThat(c.err().lines().filter(l -> l.contains("whole.png"))).containsExactly("warning: "
        + own.resolve("whole.png") + ": no face found by detector 'opencv'; using the whole image as the face box");
    assertOutputs(out, List.of("face", "whole"), List.of("face_face0", "whole_face0"));
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
        // the face box whose enlargement by the data set's boxScale (1.25) is the data set's box
        FaceBox b = s.box().scaled(1 / 1.25);
        csv.append(name).append(',').append(b.x1()).append(',').append(b.y1()).append(',')
            .append(b.x2()).append(',').append(b.y2()).append('\n');
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

  /**
   * The box convention: a face box given as the box around a face's landmarks gives the crop that
   * training took of that face, whose data set box is that box enlarged by the data set's boxScale
   * (as 300-VW and 300W's landmark boxes are made; the synthetic set's are jittered on top).
   */
  @Test
  void aLandmarkBoxGivesTheCropTrainingTook() throws Exception {
    ConfigLoader.Loaded loaded = ConfigLoader.load(run.resolve("resolved-config.yaml"), List.of());
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false)) {
      TrainedVariants.Trained hgs = TrainedVariants.choose(TrainedVariants.list(loaded, host, run), "HGs", run);
      SaConfig c = hgs.variant().config();
      try (Predictor p = new Predictor(hgs, host, "test", l -> { })) {
        assertThat(p.faceBoxScale()).isEqualTo(1.25);
        // the frames training crops with, as Setup makes them
        Frames training = new Frames(c.input().size(), c.input().heatmapSize(), c.input().boxScale(),
            p.scheme().flipPermutation());
        Landmarks points = Landmarks.of(new float[] {11.5f, 16f, 31f, 15.25f, 21f, 37f, 14f, 30f});
        Frames.CropTransform want = training.plain(FaceBox.around(points, 1.25));
        Frames.CropTransform got = p.crop(FaceBox.around(points, 1.0));
        double[] w = {want.a(), want.b(), want.c(), want.d(), want.tx(), want.ty()};
        double[] g = {got.a(), got.b(), got.c(), got.d(), got.tx(), got.ty()};
        for (int k = 0; k < 6; k++) {
          assertThat(g[k]).as("coefficient " + k).isCloseTo(w[k], within(1e-9));
        }
        assertThat(got.flipped()).isFalse();
      }
    }
  }

  @Test
  void detectorFindsEveryFaceOfAGroupPhotoOneRowPerFace() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    List<FaceBox> truth = GroupPhotos.write(photos.resolve("group.png"), 5, 64);
    Path out = dir.resolve("out");
    Cli c = predict(run.toString(), "--variant", "HGs", "--out", out.toString(), photos.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("face boxes of 1 image(s): 5 found by the detector").doesNotContain("whole image");
    assertThat(c.out()).contains("predicted landmarks of 5 face(s) in 1 image(s)");
    List<String[]> faces = faceRows(out);
    assertThat(faces).hasSize(5);
    double lastScore = Double.MAX_VALUE;
    for (int j = 0; j < 5; j++) {
      String[] f = faces.get(j);
      assertThat(f[0]).endsWith("group.png");
      assertThat(f[1]).isEqualTo(Integer.toString(j));
      FaceBox box = new FaceBox(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
          Double.parseDouble(f[5]));
      assertThat(truth.stream().anyMatch(t -> t.iou(box) > 0.3)).as("face " + j + " " + box).isTrue();
      double score = Double.parseDouble(f[6]);
      assertThat(score).isPositive().isLessThanOrEqualTo(lastScore);
      lastScore = score;
      // the detector's boxes are square, so the crop is the box enlarged 1.25x: heatmap peaks stay inside it
      FaceBox crop = box.scaled(1.25);
      for (int k = 0; k < N; k++) {
        assertThat(Double.parseDouble(f[7 + 2 * k])).isBetween(crop.x1() - 1, crop.x2() + 1);
        assertThat(Double.parseDouble(f[8 + 2 * k])).isBetween(crop.y1() - 1, crop.y2() + 1);
      }
    }
    assertThat(Files.readAllLines(out.resolve("boxes.csv")).subList(1, 6)).allMatch(l -> l.endsWith(",detector"));
    assertOutputs(out, List.of("group"), List.of("group_face0", "group_face1", "group_face2", "group_face3",
        "group_face4"));
  }

  @Test
  void severalBoxRowsPerImageAndAGarbageFileInTheFolder() throws Exception {
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    Files.copy(images.resolve("a.png"), mixed.resolve("a.png"));
    Files.copy(images.resolve("b.png"), mixed.resolve("b.png"));
    Files.write(mixed.resolve("garbage.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5});
    Path csv = dir.resolve("two-faces.csv");
    Files.writeString(csv, "image,x_min,y_min,x_max,y_max\na.png,4,10,34,40\na.png,0,0,20,20\n");
    Path out = dir.resolve("out");
    Cli c = predict(run.toString(), "--variant", "HGs", "--boxes", csv.toString(), "--out", out.toString(),
        "--set", "predict.detector.plugin=none", mixed.toString());
    assertThat(c.code()).as(c.err()).isEqualTo(1);
    assertThat(c.err().lines().filter(l -> l.contains("garbage.jpg"))).singleElement().asString()
        .startsWith("warning: " + mixed.resolve("garbage.jpg") + ": ").endsWith("; skipped");
    assertThat(c.err()).contains("warning: " + mixed.resolve("b.png") + ": no box given and no face detector"
        + " (predict.detector.plugin: none); using the whole image as the face box");
    assertThat(c.err()).contains("face boxes of 2 image(s): 2 from " + csv + ", 1 whole image");
    List<String[]> faces = faceRows(out);
    assertThat(faces).extracting(f -> Path.of(f[0]).getFileName() + "#" + f[1]).containsExactly("a.png#0", "a.png#1",
        "b.png#0");
    assertThat(faces.get(1)).startsWith(mixed.resolve("a.png").toString(), "1", "0", "0", "20", "20", "");
    assertOutputs(out, List.of("a", "b"), List.of("a_face0", "a_face1", "b_face0"));
  }

  @Test
  void pluginsListTheDetectorAndTheRunResolvedItsOptions() throws Exception {
    Cli c = Cli.run("--plugins", TinyRun.plugins().toString(), "plugins");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out().lines()).anyMatch(l -> l.matches("opencv\\s+detector\\s+detector-opencv\\s+0\\.1\\.0\\s+.*"));
    assertThat(Files.readString(run.resolve("resolved-config.yaml"))).contains("plugin: opencv", "minFaceSize: 24",
        "cascade: haarcascade_frontalface_alt2");
  }

  @Test
  void detectorConfigIsValidatedAndOnlyPredictKeysMaySet() {
    String a = images.resolve("a.png").toString();
    assertOneLineError(predict(run.toString(), "--set", "predict.detector.options.minFaceSize=0", a),
        "predict.detector.options: options.minFaceSize: 0 is outside 1..10000");
    assertOneLineError(predict(run.toString(), "--set", "predict.detector.options.preset=quick", a),
        "predict.detector.options: options.preset: 'quick' is not one of accurate, fast");
    assertOneLineError(predict(run.toString(), "--set", "predict.detector.options.minFaceSise=30", a),
        "predict.detector.options.minFaceSise: unknown key (did you mean 'minFaceSize'?)");
    assertOneLineError(predict(run.toString(), "--set", "predict.detector.plugin=opencvv", a),
        "predict.detector.plugin: unknown face detector plugin 'opencvv' (did you mean 'opencv'?)");
    assertOneLineError(predict(run.toString(), "--set", "train.epochs=3", a),
        "--set train.epochs=3: sa predict only takes predict.* keys");
  }

  @Test
  void theDetectorIsMadeOnlyWhenAnImageHasNoBox() throws Exception {
    Path missing = dir.resolve("missing.xml");
    String cascade = "predict.detector.options.cascade=" + missing;
    Path out = dir.resolve("out");
    Cli given = predict(run.toString(), "--variant", "HGs", "--boxes", boxes.toString(), "--out", out.toString(),
        "--set", cascade, images.toString());
    assertThat(given.code()).as(given.err()).isZero();
    Cli none = predict(run.toString(), "--variant", "HGs", "--set", cascade, "--out", out.toString(),
        images.toString());
    assertThat(none.code()).as(none.err()).isEqualTo(2);
    assertThat(none.err().strip().lines().reduce((x, y) -> y).orElseThrow()).startsWith("sa: ")
        .endsWith("resolved-config.yaml (variant 'HGs'): predict.detector: detector opencv: options.cascade: "
            + missing + ": no such file");
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
  void unreadableImageIsOneWarningTheOthersArePredictedAndTheExitCodeIsOne() throws Exception {
    Path broken = dir.resolve("broken.png");
    Files.writeString(broken, "not a png");
    Path out = dir.resolve("out");
    Cli c = predict(run.toString(), "--variant", "HGs", "--boxes", boxes.toString(), "--out", out.toString(),
        images.resolve("a.png").toString(), broken.toString());
    assertThat(c.code()).as(c.err()).isEqualTo(1);
    assertThat(c.err().lines().filter(l -> l.contains("broken.png"))).containsExactly("warning: " + broken
        + ": unreadable image: not a format ImageIO reads (png, jpg, bmp); skipped");
    assertThat(c.err()).contains("sa: 1 image(s) failed");
    assertThat(faceRows(out)).hasSize(1);
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
