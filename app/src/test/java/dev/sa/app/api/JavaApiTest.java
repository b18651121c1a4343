package dev.sa.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.cli.Cli;
import dev.sa.app.cli.GroupPhotos;
import dev.sa.app.run.TinyRun;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API on a tiny run trained once for the class (a baseline with and without the PCA
 * refiner): {@link Landmarker} against {@code sa predict}, the detector, concurrent callers, the DJL
 * model folder, and the README's examples compiled and run in a fresh JVM.
 */
class JavaApiTest {
  static final int N = 68;

  @TempDir
  static Path shared;

  static Path run;
  static Path photo;
  static List<FaceBox> truth;

  @TempDir
  Path dir;

  @BeforeAll
  static void trainTinyRun() throws Exception {
    run = shared.resolve("run");
    List<String> args = new ArrayList<>(TinyRun.args(run, "train.epochs=1", "sa.epochs=0",
        "dataset.options.trainSize=8", "dataset.options.commonSize=2", "dataset.options.challengeSize=2",
        "backbone.options.channels=8", "evaluate.perEpoch=false",
        "variants=[{name: HGs, set: {}}, {name: HGs+PCA, set: {refiner.plugin: pca}}]"));
    Cli c = Cli.run(args.toArray(new String[0]));
    assertThat(c.code()).as(c.err()).isZero();
    photo = shared.resolve("group.png");
    truth = GroupPhotos.write(photo, 5, 64);
  }

  static Landmarker load(String variant) throws Exception {
    return Landmarker.load(run, variant, TinyRun.plugins());
  }

  @Test
  void predictGivesWhatSaPredictWrites() throws Exception {
    StringBuilder csv = new StringBuilder("image,x_min,y_min,x_max,y_max\n");
    for (FaceBox b : truth) {
      csv.append("group.png,").append(b.x1()).append(',').append(b.y1()).append(',').append(b.x2()).append(',')
          .append(b.y2()).append('\n');
    }
    Files.writeString(dir.resolve("boxes.csv"), csv);
    Path out = dir.resolve("out");
    Cli c = Cli.run("--plugins", TinyRun.plugins().toString(), "predict", run.toString(), "--variant", "HGs+PCA",
        "--boxes", dir.resolve("boxes.csv").toString(), "--out", out.toString(), photo.toString());
    assertThat(c.code()).as(c.err()).isZero();
    List<String> rows = Files.readAllLines(out.resolve("landmarks.csv"));
    try (Landmarker lm = load("HGs+PCA")) {
      assertThat(lm.variant()).isEqualTo("HGs+PCA");
      assertThat(lm.refiner()).isEqualTo("pca");
      List<Face> faces = lm.predict(ImageIO.read(photo.toFile()), truth);
      assertThat(faces).hasSize(5);
      for (int j = 0; j < 5; j++) {
        Face f = faces.get(j);
        String[] r = rows.get(1 + j).split(",");
        assertThat(f.box()).isEqualTo(truth.get(j));
        assertThat(f.detectorScore()).isNaN();
        for (int k = 0; k < N; k++) {
          assertThat((double) f.landmarks().x(k)).isCloseTo(Double.parseDouble(r[7 + 2 * k]), within(1e-4));
          assertThat((double) f.landmarks().y(k)).isCloseTo(Double.parseDouble(r[8 + 2 * k]), within(1e-4));
          assertThat(Float.isFinite(f.score(k))).isTrue();
        }
        assertThat(f.scores()).hasSize(N);
      }
    }
  }

  static BufferedImage blank() {
    BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, 200, 150);
    g.dispose();
    return img;
  }

  @Test
  void detectFindsEveryFaceOfAGroupPhotoAndNoneOnABlankImage() throws Exception {
    BufferedImage img = ImageIO.read(photo.toFile());
    try (Landmarker lm = load("HGs")) {
      List<Face> faces = lm.detect(img);
      assertThat(faces).hasSize(5);
      double last = Double.MAX_VALUE;
      for (Face f : faces) {
        assertThat(truth.stream().anyMatch(t -> t.iou(f.box()) > 0.3)).as(f.toString()).isTrue();
        assertThat(f.detectorScore()).isPositive().isLessThanOrEqualTo(last);
        last = f.detectorScore();
        assertThat(f.landmarks().isFinite()).isTrue();
        assertThat(f.landmarks()).isEqualTo(lm.predict(img, f.box()).landmarks());
      }
      assertThat(lm.detect(blank())).isEmpty();
    }
  }

  @Test
  void concurrentCallersGetTheSingleThreadedResults() throws Exception {
    BufferedImage img = ImageIO.read(photo.toFile());
    List<FaceBox> boxes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      FaceBox t = truth.get(i % truth.size());
      boxes.add(new FaceBox(t.x1() + i, t.y1() - i / 2.0, t.x2() + i, t.y2() + i / 3.0));
    }
    try (Landmarker lm = load("HGs+PCA")) {
      List<Face> single = new ArrayList<>();
      for (FaceBox b : boxes) {
        single.add(lm.predict(img, b));
      }
      List<Face> detected = lm.detect(img);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int shift = t;
          jobs.add(pool.submit(() -> {
            for (int i = 0; i < boxes.size(); i++) {
              int k = (i + shift) % boxes.size();
              if (!lm.predict(img, boxes.get(k)).equals(single.get(k))) {
                return false;
              }
            }
            return lm.detect(img).equals(detected) && lm.predict(img, boxes).equals(single);
          }));
        }
        for (Future<Boolean> f : jobs) {
          assertThat(f.get(5, TimeUnit.MINUTES)).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      lm.close();
      assertThatThrownBy(() -> lm.predict(img, boxes.get(0))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void badRunOrVariantIsInvalidInputNamingIt() {
    assertThatThrownBy(() -> load("nope")).isInstanceOf(SaException.class)
        .hasMessageContaining("'nope' not found").hasMessageContaining("hgs-pca");
    assertThatThrownBy(() -> Landmarker.load(dir.resolve("none"), null, TinyRun.plugins()))
        .isInstanceOf(SaException.class).hasMessageContaining("none: no such run folder");
    assertThatThrownBy(() -> ModelFolders.block(run, TinyRun.plugins())).isInstanceOf(SaException.class)
        .hasMessageContaining("not a variant folder of a run");
  }

  /** A face of the photo cut out at its crop frame, and the face box that frame belongs to. */
  static BufferedImage faceImage(BufferedImage img) {
    FaceBox t = truth.get(0);
    int x = (int) Math.floor(t.x1());
    int y = (int) Math.floor(t.y1());
    return img.getSubimage(x, y, (int) Math.ceil(t.width()), (int) Math.ceil(t.height()));
  }

  @Test
  void aVariantFolderLoadsThroughDjlCriteriaAsTheLandmarkerPredicts() throws Exception {
    BufferedImage face = faceImage(ImageIO.read(photo.toFile()));
    Path variantDir = run.resolve("variants").resolve("hgs");
    Criteria<Image, Landmarks> criteria = Criteria.builder().setTypes(Image.class, Landmarks.class)
        .optModelPath(variantDir).optBlock(ModelFolders.block(variantDir, TinyRun.plugins()))
        .optOption("hasParameter", "false").optArgument("plugins", TinyRun.plugins().toString())
        .optTranslatorFactory(new LandmarkTranslatorFactory()).build();
    Landmarks viaDjl;
    List<Landmarks> batch;
    try (ZooModel<Image, Landmarks> model = criteria.loadModel(); Predictor<Image, Landmarks> p = model.newPredictor()) {
      Image image = ImageFactory.getInstance().fromImage(face);
      viaDjl = p.predict(image);
      batch = p.batchPredict(List.of(image, image));
    }
    assertThat(batch).containsExactly(viaDjl, viaDjl);
    try (Landmarker lm = load("HGs")) {
      // the whole image is the crop frame: its face box is the image shrunk by the data set's box scale
      FaceBox frame = new FaceBox(-0.5, -0.5, face.getWidth() - 0.5, face.getHeight() - 0.5);
      FaceBox faceBox = frame.scaled(1 / 1.25);
      assertThat(lm.cropBox(faceBox).x1()).isCloseTo(frame.x1(), within(1e-9));
      Landmarks expected = lm.predict(face, faceBox).landmarks();
      for (int k = 0; k < N; k++) {
        assertThat((double) viaDjl.x(k)).as("x" + k).isCloseTo(expected.x(k), within(1e-3));
        assertThat((double) viaDjl.y(k)).as("y" + k).isCloseTo(expected.y(k), within(1e-3));
      }
    }
  }

  /** The {@code java} blocks of docs/predict.md's "Java API" section (the README links to it). */
  static List<String> readmeExamples() throws Exception {
    String readme = Files.readString(Path.of("..", "docs", "predict.md"), StandardCharsets.UTF_8);
    int from = readme.indexOf("## Java API");
    assertThat(from).as("docs/predict.md has a '## Java API' section").isNotNegative();
    int to = readme.indexOf("\n#", from + 5);
    String section = readme.substring(from, to < 0 ? readme.length() : to);
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Compiles a README example against the test class path and runs it in a fresh JVM; returns stdout and stderr. */
  String[] compileAndRun(String source, String... args) throws Exception {
    Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(name.find()).isTrue();
    Path src = Files.createDirectories(dir.resolve("src")).resolve(name.group(1) + ".java");
    Files.writeString(src, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-cp", cp, "-d", classes.toString(), src.toString());
    assertThat(rc).as("README example " + name.group(1) + " compiles").isZero();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-Dsa.plugins=" + TinyRun.plugins(), "-cp",
        classes + File.pathSeparator + cp, name.group(1)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(dir.resolve("out.txt"));
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(p.exitValue()).as(err).isZero();
    return new String[] {out, err};
  }

  @Test
  void theReadmeExamplesCompileAndRunQuietly() throws Exception {
    List<String> examples = readmeExamples();
    assertThat(examples).hasSize(2);
    for (String e : examples) {
      assertThat(e.lines().count()).as(e).isLessThanOrEqualTo(22);
    }
    String[] landmarker = compileAndRun(examples.get(0), run.toString(), photo.toString());
    assertThat(landmarker[0].lines()).hasSize(5).allMatch(l -> l.matches("FaceBox\\[.*\\] nose tip -?\\d+\\.\\d,-?\\d+\\.\\d"));
    assertThat(landmarker[1]).doesNotContain("WARN").doesNotContain("CudaUtils");

    Path face = dir.resolve("face.png");
    BufferedImage faceImage = faceImage(ImageIO.read(photo.toFile()));
    ImageIO.write(faceImage, "png", face.toFile());
    String[] djl = compileAndRun(examples.get(1), run.resolve("variants").resolve("hgs").toString(), face.toString());
    Landmarks expected;
    try (Landmarker lm = load("HGs")) {
      FaceBox frame = new FaceBox(-0.5, -0.5, faceImage.getWidth() - 0.5, faceImage.getHeight() - 0.5);
      expected = lm.predict(faceImage, frame.scaled(1 / 1.25)).landmarks();
    }
    assertThat(djl[0].strip()).matches("nose tip -?\\d+\\.\\d,-?\\d+\\.\\d");
    String[] xy = djl[0].strip().substring("nose tip ".length()).split(",");
    assertThat(Double.parseDouble(xy[0])).isCloseTo(expected.x(30), within(0.051));
    assertThat(Double.parseDouble(xy[1])).isCloseTo(expected.y(30), within(0.051));
    assertThat(djl[1]).doesNotContain("CudaUtils");
  }
}
