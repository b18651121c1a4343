package dev.sa.plugins.vw300;

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
import dev.sa.api.Schemes;
import dev.sa.support.PtsFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VwPluginTest {
  @TempDir Path root;

  private final VwPlugin plugin = new VwPlugin();

  private Dataset open(VwOptions options) {
    return plugin.open(new DatasetContext(root, 1, "dataset"), options);
  }

  /** Video 001 (training) with 5 frames, 114 (category 1), 203 (category 2), 410 (category 3). */
  private void frameFolders() {
    for (int f = 1; f <= 5; f++) {
      VwFixtures.frame(root, "001", f, 10 * f);
      VwFixtures.annotation(root, "001", f, VwFixtures.face(f));
    }
    for (String v : new String[] {"114", "203", "410"}) {
      VwFixtures.frame(root, v, 1, 50);
      VwFixtures.frame(root, v, 2, 60);
      VwFixtures.annotation(root, v, 1, VwFixtures.face(0));
      VwFixtures.annotation(root, v, 2, VwFixtures.face(1));
    }
  }

  @Test
  void officialCategoriesAndEveryOtherVideoForTraining() throws Exception {
    frameFolders();
    Dataset d = open(VwOptions.defaults());
    assertThat(d.problems()).isEmpty();
    assertThat(d.splitNames()).containsExactly("train", "category1", "category2", "category3");
    assertThat(d.split("train")).extracting(FaceSample::id)
        .containsExactly("001/000001", "001/000002", "001/000003", "001/000004", "001/000005");
    assertThat(d.split("category1")).extracting(s -> s.sequence().orElseThrow())
        .containsExactly(new FaceSample.Sequence("114", 1), new FaceSample.Sequence("114", 2));
    assertThat(d.split("category2")).hasSize(2).allSatisfy(s -> assertThat(s.id()).startsWith("203/"));
    assertThat(d.split("category3")).hasSize(2).allSatisfy(s -> assertThat(s.id()).startsWith("410/"));
    assertThat(d.officialCounts()).isEmpty();

    FaceSample third = d.split("train").get(2);
    assertThat(third.source()).isEqualTo("001/annot/000003.pts");
    assertThat(third.landmarksInImage().x(0)).isCloseTo(VwFixtures.face(3)[0], org.assertj.core.data.Offset.offset(1e-3f));
    assertThat(third.box()).isEqualTo(FaceBox.around(third.landmarksInImage(), 1.2));
    assertThat(VwFixtures.meanLevel(third.image().load())).isEqualTo(30.0);
  }

  @Test
  void frameStrideThinsOnlyTheTrainingVideos() {
    frameFolders();
    Dataset d = open(new VwOptions(2, null));
    assertThat(d.split("train")).extracting(FaceSample::id).containsExactly("001/000001", "001/000003", "001/000005");
    assertThat(d.split("category1")).hasSize(2);
  }

  @Test
  void schemeIsIbug68WithInterOcularFirst() {
    var s = plugin.scheme();
    var ibug = Schemes.ibug68();
    assertThat(s.defaultNormalization().name()).isEqualTo("inter-ocular");
    assertThat(s.normalizations()).extracting(n -> n.name()).containsExactly("inter-ocular", "inter-pupil");
    assertThat(s.normalizations()).containsExactlyInAnyOrderElementsOf(ibug.normalizations());
    assertThat(s.name()).isEqualTo(ibug.name());
    assertThat(s.pointNames()).isEqualTo(ibug.pointNames());
    assertThat(s.flipPairs()).isEqualTo(ibug.flipPairs());
    assertThat(s.weakPoints()).isEqualTo(ibug.weakPoints());
  }

  @Test
  void brokenFilesGiveOneProblemEach() throws Exception {
    frameFolders();
    VwFixtures.annotation(root, "001", 6, VwFixtures.face(0));      // no frames/000006.png
    VwFixtures.frame(root, "001", 7, 70);
    VwFixtures.text(root.resolve("001/annot/000007.pts"), VwFixtures.pts(VwFixtures.face(0)).replace("}\r\n", ""));
    VwFixtures.frame(root, "001", 8, 70);
    float[] far = VwFixtures.face(0);
    far[2 * 30 + 1] = -200;
    VwFixtures.annotation(root, "001", 8, far);
    VwFixtures.text(root.resolve("001/annot/frame_x.pts"), VwFixtures.pts(VwFixtures.face(0)));
    VwFixtures.annotation(root, "002", 1, VwFixtures.face(0));      // neither vid.avi nor frames/
    Dataset d = open(null);
    assertThat(d.problems()).extracting(p -> root.relativize(Path.of(p.file())).toString(), DataProblem::line)
        .containsExactly(
            tuple("001/annot/frame_x.pts", 0),
            tuple("001/annot/000006.pts", 0),
            tuple("001/annot/000007.pts", 72),
            tuple("001/annot/000008.pts", 34),
            tuple("002", 0));
    assertThat(d.problems()).extracting(DataProblem::message).satisfiesExactly(
        m -> assertThat(m).contains("1-based frame number"),
        m -> assertThat(m).startsWith("missing frame image"),
        m -> assertThat(m).contains("missing closing '}'"),
        m -> assertThat(m).contains("point 30").contains("far outside the 64 x 48 image"),
        m -> assertThat(m).startsWith("missing video"));
    assertThat(d.split("train")).hasSize(5);
  }

  @Test
  void missingRootOrLayoutIsADataError() {
    assertThatThrownBy(() -> plugin.open(new DatasetContext(root.resolve("x"), 1, "ds"), null))
        .isInstanceOfSatisfying(SaException.class, e -> {
          assertThat(e.kind()).isEqualTo(SaException.Kind.DATA_ERROR);
          assertThat(e.getMessage()).contains(root.resolve("x").toString()).contains("datasets/300vw/README.md")
              .contains("vid.avi");
        });
    assertThatThrownBy(() -> open(null)).hasMessageContaining("no video folder");
  }

  @Test
  void exportsOneBasedPtsUnderTheVideoFolder(@TempDir Path out) throws Exception {
    frameFolders();
    Dataset d = open(null);
    FaceSample s = d.split("category1").get(1);
    Landmarks moved = Landmarks.of(VwFixtures.face(0.5));
    Path file = d.exportLabels(s, moved, out);
    assertThat(file).isEqualTo(out.toAbsolutePath().resolve("114/annot/000002.pts"));
    assertThat(PtsFormat.read(file, 68)).isEqualTo(moved);
    assertThat(Files.readAllLines(file).get(3)).startsWith(String.valueOf(moved.x(0) + 1).substring(0, 4));
  }

  @Test
  void optionsValidateWithTheirKey() {
    assertThat(VwOptions.defaults()).isEqualTo(new VwOptions(1, 1.2));
    assertThatThrownBy(() -> new VwOptions(0, null)).hasMessageContaining("frameStride").hasMessageContaining("1..1000");
    assertThatThrownBy(() -> new VwOptions(null, 9.0)).hasMessageContaining("boxScale");
  }

  @Test
  void extensionIndexNamesThePlugin() throws Exception {
    assertThat(Files.readAllLines(Path.of("target/classes/META-INF/extensions.idx"))).contains(VwPlugin.class.getName());
    assertThat(plugin.id()).isEqualTo("300vw");
  }

  @Test
  void faceBoxScaleIsTheLandmarkBoxEnlargement() {
    assertThat(new VwPlugin().faceBoxScale(null)).isEqualTo(1.2);
    assertThat(new VwPlugin().faceBoxScale(new VwOptions(null, 1.5))).isEqualTo(1.5);
  }
}
