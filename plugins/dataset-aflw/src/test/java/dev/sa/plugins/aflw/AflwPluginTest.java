package dev.sa.plugins.aflw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Normalization;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AflwPluginTest {
  @TempDir Path root;

  private final AflwPlugin plugin = new AflwPlugin();

  private Dataset open(AflwOptions options) {
    return plugin.open(new DatasetContext(root, 1, "dataset"), options);
  }

  private AflwFixture fixture() throws Exception {
    AflwFixture.image(root.resolve("flickr/0/image00001.jpg"));
    AflwFixture.image(root.resolve("flickr/2/image00002.jpg"));
    boolean[] occluded = AflwFixture.allVisible();
    occluded[18] = false;
    AflwFixture f = new AflwFixture()
        .face("0/image00001.jpg", AflwFixture.points(0), AflwFixture.allVisible())     // row 1
        .face("0/image00001.jpg", AflwFixture.points(1), AflwFixture.allVisible())     // row 2: same image
        .face("2/image00002.jpg", AflwFixture.points(2), occluded)                     // row 3
        .face("2/image00002.jpg", AflwFixture.points(3), AflwFixture.allVisible())     // row 4
        .face("2/image00002.jpg", AflwFixture.points(4), occluded)                     // row 5
        .face("0/image00001.jpg", AflwFixture.points(5), AflwFixture.allVisible());    // row 6
    f.ra = new int[] {5, 3, 1, 6, 2, 4};
    return f;
  }

  @Test
  void raSplitsTrainAndTestAndMaskGivesFrontal() throws Exception {
    fixture().write(root.resolve("AFLWinfo_release.mat"));
    Dataset d = open(new AflwOptions(null, null, 3, null));
    assertThat(d.problems()).isEmpty();
    assertThat(d.splitNames()).containsExactly("train", "full", "frontal");
    assertThat(d.split("train")).extracting(FaceSample::id)
        .containsExactly("2/image00002#5", "2/image00002#3", "0/image00001#1");
    assertThat(d.split("full")).extracting(FaceSample::id)
        .containsExactly("0/image00001#6", "0/image00001#2", "2/image00002#4");
    assertThat(d.split("frontal")).hasSize(3);
    assertThat(d.officialCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 20000, "full", 4386, "frontal", 1165));

    FaceSample s = d.split("train").get(0);
    assertThat(s.landmarksInImage().x(0)).isEqualTo(16f);
    assertThat(s.landmarksInImage().y(18)).isEqualTo(42f);
    assertThat(s.visible().isVisible(18)).isFalse();
    assertThat(s.visible().isVisible(17)).isTrue();
    assertThat(s.box()).isEqualTo(new FaceBox(10, 12, 50, 56));
    assertThat(d.scheme().defaultNormalization().distance(s.landmarksInImage(), s.box()))
        .isEqualTo(Math.sqrt(40 * 44));
    assertThat(s.image().load().getWidth()).isEqualTo(64);
  }

  @Test
  void frontalLeavesOutTestFacesWithHiddenPoints() throws Exception {
    AflwFixture f = fixture();
    f.ra = new int[] {1, 2, 3, 4, 5, 6};
    f.write(root.resolve("AFLWinfo_release.mat"));
    Dataset d = open(new AflwOptions(null, null, 2, null));
    assertThat(d.split("full")).extracting(FaceSample::id)
        .containsExactly("2/image00002#3", "2/image00002#4", "2/image00002#5", "0/image00001#6");
    assertThat(d.split("frontal")).extracting(FaceSample::id).containsExactly("2/image00002#4", "0/image00001#6");
  }

  @Test
  void badRowsAreProblemsNamingTheRow() throws Exception {
    AflwFixture f = fixture();
    double[] nan = AflwFixture.points(0);
    nan[2 * 4 + 1] = Double.NaN;
    double[] far = AflwFixture.points(0);
    far[2 * 7] = 300;
    double[] farButHidden = AflwFixture.points(0);
    farButHidden[2 * 18] = 300;
    boolean[] chinHidden = AflwFixture.allVisible();
    chinHidden[18] = false;
    f.face("0/image00001.jpg", nan, AflwFixture.allVisible())          // row 7
        .face("3/missing.jpg", AflwFixture.points(0), AflwFixture.allVisible())  // row 8
        .face("0/image00001.jpg", far, AflwFixture.allVisible())       // row 9
        .face("0/image00001.jpg", farButHidden, chinHidden);           // row 10
    f.faces.add(new AflwFixture.Face("0/image00001.jpg", AflwFixture.points(0), AflwFixture.allVisible(),
        new double[] {50, 10, 12, 56}));                                // row 11
    f.ra = new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    f.write(root.resolve("AFLWinfo_release.mat"));
    Dataset d = open(new AflwOptions(null, null, 6, null));
    String mat = root.resolve("AFLWinfo_release.mat").toString();
    assertThat(d.problems()).extracting(DataProblem::file, DataProblem::line).containsExactly(
        tuple(mat, 7), tuple(mat, 8), tuple(mat, 9), tuple(mat, 11));
    assertThat(d.problems()).extracting(DataProblem::message).satisfiesExactly(
        m -> assertThat(m).isEqualTo("y of point 4 is NaN; expected a finite number"),
        m -> assertThat(m).endsWith("missing.jpg: missing image"),
        m -> assertThat(m).contains("point 7 at (300.0").contains("far outside"),
        m -> assertThat(m).contains("bbox [x1 x2 y1 y2] = [50.0 10.0"));
    assertThat(d.split("full")).extracting(FaceSample::id).containsExactly("0/image00001#10");
  }

  @Test
  void aMisshapenMatFileIsADataErrorNamingTheVariable() throws Exception {
    AflwFixture f = fixture();
    f.skip = "nameList";
    f.write(root.resolve("AFLWinfo_release.mat"));
    assertThatThrownBy(() -> open(null)).isInstanceOfSatisfying(SaException.class, e -> {
      assertThat(e.kind()).isEqualTo(SaException.Kind.DATA_ERROR);
      assertThat(e.getMessage()).contains("AFLWinfo_release.mat").contains("'nameList' is missing");
    });
    AflwFixture g = fixture();
    g.ra = new int[] {1, 2, 3, 3, 5, 6};
    g.write(root.resolve("AFLWinfo_release.mat"));
    assertThatThrownBy(() -> open(null)).hasMessageContaining("ra(4) = 3.0 breaks the permutation of 1..6");
    Files.writeString(root.resolve("AFLWinfo_release.mat"), "garbage");
    assertThatThrownBy(() -> open(null)).isInstanceOf(SaException.class).hasMessageContaining("cannot read AFLW");
  }

  @Test
  void missingRootOrMatNamesThePathAndTheLayout() {
    assertThatThrownBy(() -> plugin.open(new DatasetContext(root.resolve("none"), 1, "ds"), null))
        .isInstanceOfSatisfying(SaException.class, e -> assertThat(e.getMessage())
            .contains(root.resolve("none").toString()).contains("datasets/aflw/README.md"));
    assertThatThrownBy(() -> open(null)).hasMessageContaining("AFLWinfo_release.mat").hasMessageContaining("flickr");
  }

  @Test
  void schemeDeclaresNamesFlipsWeakPointsAndFaceSize() {
    var s = plugin.scheme();
    assertThat(s.count()).isEqualTo(19);
    assertThat(s.pointNames().get(13)).isEqualTo("nose_tip");
    assertThat(s.flipPermutation()).containsExactly(5, 4, 3, 2, 1, 0, 11, 10, 9, 8, 7, 6, 14, 13, 12, 17, 16, 15, 18);
    assertThat(s.weakPoints()).containsExactlyInAnyOrder(1, 4, 16, 18);
    assertThat(s.normalizations()).singleElement().isInstanceOf(Normalization.BoxSize.class);
  }

  @Test
  void optionsValidateAndDefault() {
    AflwOptions d = AflwOptions.defaults();
    assertThat(d.mat()).isEqualTo("AFLWinfo_release.mat");
    assertThat(d.imagesDir()).isEqualTo("flickr");
    assertThat(d.trainCount()).isEqualTo(20000);
    assertThatThrownBy(() -> new AflwOptions(null, null, -1, null)).hasMessageContaining("trainCount");
    assertThatThrownBy(() -> new AflwOptions(null, null, null, Map.of("test", "t.csv"))).hasMessageContaining("csvSplits")
        .hasMessageContaining("train, full, frontal");
  }

  @Test
  void extensionIndexNamesThePlugin() throws Exception {
    assertThat(Files.readAllLines(Path.of("target/classes/META-INF/extensions.idx"))).contains(AflwPlugin.class.getName());
    assertThat(plugin.id()).isEqualTo("aflw");
  }
}
