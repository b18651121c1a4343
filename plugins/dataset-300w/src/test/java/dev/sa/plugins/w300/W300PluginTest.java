package dev.sa.plugins.w300;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.support.PtsFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class W300PluginTest {
  @TempDir Path root;

  private final W300Plugin plugin = new W300Plugin();

  private Dataset open(W300Options options) {
    return plugin.open(new DatasetContext(root, 1, "dataset"), options);
  }

  private void goodTree() {
    Fixtures.sample(root, "afw", "111_1", Fixtures.face(0));
    Fixtures.sample(root, "afw", "name with spaces", Fixtures.face(1));
    Fixtures.sample(root, "helen/trainset", "h1", Fixtures.face(0));
    Fixtures.sample(root, "lfpw/trainset", "l1", Fixtures.face(0));
    Fixtures.sample(root, "helen/testset", "ht1", Fixtures.face(0));
    Fixtures.sample(root, "lfpw/testset", "lt1", Fixtures.face(0));
    Fixtures.image(root.resolve("ibug/i1.png"), 64, 64);
    Fixtures.text(root.resolve("ibug/i1.pts"), Fixtures.pts(Fixtures.face(2)).replace("\n", "\r\n"));
  }

  private static Stream<String> ids(Dataset d, String split) {
    return d.split(split).stream().map(FaceSample::id);
  }

  @Test
  void splitsFollowTheOfficialProtocol() throws Exception {
    goodTree();
    Dataset d = open(W300Options.defaults());
    assertThat(d.problems()).isEmpty();
    assertThat(d.splitNames()).containsExactly("train", "common", "challenge", "full");
    assertThat(ids(d, "train")).containsExactly("afw/111_1", "afw/name with spaces", "helen/trainset/h1", "lfpw/trainset/l1");
    assertThat(ids(d, "common")).containsExactly("helen/testset/ht1", "lfpw/testset/lt1");
    assertThat(ids(d, "challenge")).containsExactly("ibug/i1");
    assertThat(ids(d, "full")).containsExactly("helen/testset/ht1", "lfpw/testset/lt1", "ibug/i1");
    assertThat(d.officialCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 3148, "common", 554, "challenge", 135, "full", 689));
    assertThat(d.scheme().defaultNormalization().name()).isEqualTo("inter-pupil");

    FaceSample ibug = d.split("challenge").get(0);
    Landmarks expected = Fixtures.face(2);
    for (int i = 0; i < 68; i++) {
      assertThat(ibug.landmarksInImage().x(i)).isCloseTo(expected.x(i), Offset.offset(1e-3f));
      assertThat(ibug.landmarksInImage().y(i)).isCloseTo(expected.y(i), Offset.offset(1e-3f));
    }
    assertThat(ibug.source()).isEqualTo("ibug/i1.pts");
    assertThat(ibug.image().load().getWidth()).isEqualTo(64);
    assertThat(ibug.box()).isEqualTo(FaceBox.around(ibug.landmarksInImage(), 1.2));
    assertThatThrownBy(() -> d.split("test")).isInstanceOf(SaException.class).hasMessageContaining("train, common");
  }

  @Test
  void aPartialCopyOpensWithOfficialCountsForComparison() {
    Fixtures.sample(root, "ibug", "only", Fixtures.face(0));
    Dataset d = open(W300Options.defaults());
    assertThat(d.split("train")).isEmpty();
    assertThat(d.split("challenge")).hasSize(1);
    assertThat(d.officialCounts().get("challenge")).isEqualTo(135);
  }

  @Test
  void brokenFilesGiveOneProblemEachAndAreLeftOut() throws Exception {
    goodTree();
    Fixtures.text(root.resolve("afw/noimage.pts"), Fixtures.pts(Fixtures.face(0)));
    Fixtures.image(root.resolve("afw/noannotation.jpg"), 64, 64);
    Fixtures.sample(root, "helen/trainset", "count", Fixtures.face(0));
    Fixtures.text(root.resolve("helen/trainset/count.pts"), Fixtures.pts(Fixtures.face(0)).replace("n_points:  68", "n_points:  67"));
    float[] far = Fixtures.face(0).toArray();
    far[2 * 10] = 500;
    Fixtures.sample(root, "lfpw/trainset", "far", Landmarks.of(far));
    Fixtures.text(root.resolve("ibug/garbage.pts"), Fixtures.pts(Fixtures.face(0)));
    Files.write(root.resolve("ibug/garbage.jpg"), new byte[] {9, 9, 9, 9});
    Fixtures.sample(root, "helen/testset", "nan", Fixtures.face(0));
    String nan = Fixtures.pts(Fixtures.face(0));
    String[] lines = nan.split("\n");
    Fixtures.text(root.resolve("helen/testset/nan.pts"), nan.replace(lines[9], "NaN 3.0"));
    Fixtures.sample(root, "lfpw/testset", "brace", Fixtures.face(0));
    Fixtures.text(root.resolve("lfpw/testset/brace.pts"), Fixtures.pts(Fixtures.face(0)).replace("{\n", ""));

    Dataset d = open(W300Options.defaults());
    assertThat(d.problems()).extracting(p -> root.relativize(Path.of(p.file())).toString().replace('\\', '/'), DataProblem::line)
        .containsExactlyInAnyOrder(
            tuple("afw/noannotation.jpg", 0),
            tuple("afw/noimage.pts", 0),
            tuple("helen/trainset/count.pts", 2),
            tuple("lfpw/trainset/far.pts", 14),
            tuple("helen/testset/nan.pts", 10),
            tuple("lfpw/testset/brace.pts", 3),
            tuple("ibug/garbage.jpg", 0));
    assertThat(d.problems()).extracting(DataProblem::message).anySatisfy(m -> assertThat(m).startsWith("missing image"))
        .anySatisfy(m -> assertThat(m).startsWith("missing annotation"))
        .anySatisfy(m -> assertThat(m).contains("point 10 at (500.0").contains("far outside the 64 x 64 image"))
        .anySatisfy(m -> assertThat(m).contains("'NaN' is not finite"))
        .anySatisfy(m -> assertThat(m).startsWith("unreadable image"));
    assertThat(d.split("train")).hasSize(4);
    assertThat(d.split("common")).hasSize(2);
    assertThat(d.split("challenge")).hasSize(1);
  }

  /** Issue 17 items 8 and 9: a cut image and 68 identical points are problems, and left out. */
  @Test
  void truncatedImagesAndZeroSizeAnnotationsAreProblems() throws Exception {
    goodTree();
    float[] same = new float[136];
    java.util.Arrays.fill(same, 30f);
    Fixtures.sample(root, "afw", "same", Landmarks.of(same));
    Fixtures.sample(root, "helen/trainset", "cut", Fixtures.face(0));
    Path jpg = root.resolve("helen/trainset/cut.jpg");
    byte[] bytes = Files.readAllBytes(jpg);
    Files.write(jpg, java.util.Arrays.copyOf(bytes, bytes.length - 2)); // no end-of-image marker
    Dataset d = open(W300Options.defaults());
    assertThat(d.problems()).extracting(p -> root.relativize(Path.of(p.file())).toString(), DataProblem::message)
        .containsExactlyInAnyOrder(
            tuple("afw/same.pts", "zero-size annotation: the 68 points span 0.00 px (all at (30.0, 30.0)?); "
                + "a face needs points at least 1.00 px apart"),
            tuple("helen/trainset/cut.jpg", "truncated JPEG: the image data ends at byte " + (bytes.length - 2)
                + " without the end-of-image marker (FF D9)"));
    assertThat(ids(d, "train")).doesNotContain("afw/same", "helen/trainset/cut").hasSize(4);
  }

  @Test
  void missingRootNamesThePathAndTheLayout() {
    Path missing = root.resolve("nowhere");
    assertThatThrownBy(() -> plugin.open(new DatasetContext(missing, 1, "datasets[0]"), null))
        .isInstanceOfSatisfying(SaException.class, e -> {
          assertThat(e.kind()).isEqualTo(SaException.Kind.DATA_ERROR);
          assertThat(e.getMessage()).contains(missing.toString()).contains("helen/trainset/")
              .contains("datasets/300w/README.md").contains("datasets[0]");
        });
    assertThatThrownBy(() -> open(null)).isInstanceOfSatisfying(SaException.class,
        e -> assertThat(e.getMessage()).contains("none of the 300W folders"));
  }

  @Test
  void boxesComeFromTheMatFilesWhenPresent() throws Exception {
    goodTree();
    Fixtures.boxes(root.resolve("Bounding Boxes/bounding_boxes_afw.mat"), new String[] {"111_1.jpg"},
        new double[][] {{11, 21, 51, 61}}, new double[][] {{13, 7, 53, 55}});
    FaceSample withBox = open(W300Options.defaults()).split("train").get(0);
    assertThat(withBox.id()).isEqualTo("afw/111_1");
    assertThat(withBox.box()).isEqualTo(new FaceBox(10, 20, 50, 60));
    FaceSample without = open(W300Options.defaults()).split("train").get(1);
    assertThat(without.box()).isEqualTo(FaceBox.around(without.landmarksInImage(), 1.2));

    W300Options gt = new W300Options("ground_truth", null, null, null);
    assertThat(open(gt).split("train").get(0).box()).isEqualTo(new FaceBox(12, 6, 52, 54));
    W300Options lm = new W300Options("landmarks", 1.5, null, null);
    FaceSample fromLandmarks = open(lm).split("train").get(0);
    assertThat(fromLandmarks.box()).isEqualTo(FaceBox.around(fromLandmarks.landmarksInImage(), 1.5));
  }

  @Test
  void aBrokenBoxFileIsAProblemAndFallsBackToLandmarks() throws Exception {
    goodTree();
    Fixtures.text(root.resolve("Bounding Boxes/bounding_boxes_ibug.mat"), "not a mat file");
    Dataset d = open(W300Options.defaults());
    assertThat(d.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("bounding_boxes_ibug.mat");
      assertThat(p.message()).startsWith("unreadable bounding-box file");
    });
    assertThat(d.split("challenge")).hasSize(1);
  }

  @Test
  void exportsOneBasedPtsAtTheOriginalRelativePath(@TempDir Path out) throws Exception {
    goodTree();
    Dataset d = open(W300Options.defaults());
    FaceSample s = d.split("train").get(2);
    Landmarks moved = Fixtures.face(0.25);
    Path file = d.exportLabels(s, moved, out);
    assertThat(file).isEqualTo(out.toAbsolutePath().resolve("helen/trainset/h1.pts"));
    assertThat(PtsFormat.read(file, 68)).isEqualTo(moved);
    assertThat(Files.readAllLines(file).get(3)).isEqualTo(PtsFormat.format(moved).split("\n")[3]);
    assertThat(Double.parseDouble(Files.readAllLines(file).get(3).split(" ")[0])).isCloseTo(moved.x(0) + 1.0, Offset.offset(1e-5));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
    assertThatThrownBy(() -> d.exportLabels(s, Landmarks.of(new float[] {1, 2}), out))
        .isInstanceOf(SaException.class).hasMessageContaining("68");
  }

  @Test
  void optionsAreValidatedWithTheirKey() {
    assertThatThrownBy(() -> new W300Options("dlib", null, null, null)).hasMessageContaining("boxes")
        .hasMessageContaining("detector, ground_truth, landmarks");
    assertThatThrownBy(() -> new W300Options(null, 0.5, null, null)).hasMessageContaining("boxScale").hasMessageContaining("1.0..3.0");
    assertThatThrownBy(() -> new W300Options(null, null, null, Map.of("val", "v.csv"))).hasMessageContaining("csvSplits")
        .hasMessageContaining("val");
    W300Options d = W300Options.defaults();
    assertThat(d.boxes()).isEqualTo("detector");
    assertThat(d.boxScale()).isEqualTo(1.2);
    assertThat(d.boundingBoxesDir()).isEqualTo("Bounding Boxes");
    assertThat(d.csvSplits()).isEmpty();
  }

  @Test
  void extensionIndexNamesThePlugin() throws Exception {
    assertThat(Files.readAllLines(Path.of("target/classes/META-INF/extensions.idx")))
        .contains(W300Plugin.class.getName());
    assertThat(plugin.id()).isEqualTo("300w");
    assertThat(plugin.optionsType()).isEqualTo(W300Options.class);
  }

  @Test
  void faceBoxScaleIsTheLandmarkBoxEnlargementOnlyForLandmarkBoxes() {
    W300Plugin p = new W300Plugin();
    assertThat(p.faceBoxScale(null)).isEqualTo(1.0);
    assertThat(p.faceBoxScale(new W300Options("ground_truth", 1.4, null, null))).isEqualTo(1.0);
    assertThat(p.faceBoxScale(new W300Options("landmarks", 1.4, null, null))).isEqualTo(1.4);
    assertThat(p.faceBoxScale(new W300Options("landmarks", null, null, null))).isEqualTo(1.2);
  }
}
