package dev.sa.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks and copies of the API's value types, which every plugin relies on. */
class ValueTypesTest {
  private static final ImageSource IMAGE = new ImageSource() {
    @Override
    public BufferedImage load() {
      return new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    }

    @Override
    public String describe() {
      return "generated";
    }
  };

  @Test
  void landmarksNeedAnEvenLengthAndAreImmutableCopies() {
    assertThatThrownBy(() -> Landmarks.of(new float[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("even length, got 3");
    float[] xy = {1, 2, 4, 6};
    Landmarks l = Landmarks.of(xy);
    xy[0] = 99;
    assertThat(l.x(0)).isEqualTo(1f);
    l.toArray()[1] = 99;
    assertThat(l.y(0)).isEqualTo(2f);
    assertThat(l.count()).isEqualTo(2);
    assertThat(l).isEqualTo(Landmarks.of(new double[][] {{1, 2}, {4, 6}})).hasSameHashCodeAs(Landmarks.of(
        new float[] {1, 2, 4, 6}));
    assertThat(l.distance(1, Landmarks.of(new float[] {0, 0, 1, 2}))).isEqualTo(5.0);
    assertThat(l.mean(List.of(0, 1))).containsExactly(2.5, 4.0);
    assertThat(l.isFinite()).isTrue();
    assertThat(Landmarks.of(new float[] {Float.NaN, 0}).isFinite()).isFalse();
    assertThat(Landmarks.of(new float[] {0, Float.POSITIVE_INFINITY}).isFinite()).isFalse();
  }

  @Test
  void aDetectorSpecTakesTheDetectorsOwnThreadsUnlessTold() {
    record Opts(int a) {}
    assertThat(new DetectorSpec(new Opts(1)).threads()).isZero();
    assertThat(new DetectorSpec(new Opts(1), 3).threads()).isEqualTo(3);
    assertThatThrownBy(() -> new DetectorSpec(new Opts(1), -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads: -1");
  }

  @Test
  void visibilityCopiesItsMask() {
    boolean[] mask = {true, false};
    Visibility v = Visibility.of(mask);
    mask[1] = true;
    assertThat(v.isVisible(1)).isFalse();
    assertThat(Visibility.all(3).count()).isEqualTo(3);
    assertThat(Visibility.all(2)).isEqualTo(Visibility.of(new boolean[] {true, true}))
        .isNotEqualTo(v);
  }

  @Test
  void iouIsOverlapOverUnion() {
    FaceBox a = new FaceBox(0, 0, 10, 10);
    assertThat(a.iou(a)).isEqualTo(1.0);
    assertThat(a.iou(new FaceBox(5, 0, 15, 10))).isCloseTo(50.0 / 150, within(1e-12));
    assertThat(new FaceBox(5, 0, 15, 10).iou(a)).isCloseTo(50.0 / 150, within(1e-12));
    assertThat(a.iou(new FaceBox(2, 2, 4, 4))).isCloseTo(4.0 / 100, within(1e-12));
    assertThat(a.iou(new FaceBox(10, 0, 20, 10))).isZero();
    assertThat(a.iou(new FaceBox(30, 30, 40, 40))).isZero();
  }

  @Test
  void realPhotosReadsOnlyTheLfwLayout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    byte[] header = "{'descr': '<f4', 'fortran_order': False, 'shape': (200, 25, 25), }\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0});
    b.write(header);
    java.nio.file.Files.write(dir.resolve("lfw_subset.npy"), b.toByteArray());
    assertThatThrownBy(() -> RealPhotos.lfw(dir)).hasMessageContaining("expected shape (200, 25, 25) of '<f8'");
    java.nio.file.Files.write(dir.resolve("lfw_subset.npy"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> RealPhotos.lfw(dir)).hasMessageContaining("not a NumPy 1.x file");
  }

  @Test
  void aFaceBoxMustBeNonEmptyAndFinite() {
    assertThatThrownBy(() -> new FaceBox(5, 0, 5, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x1 < x2 and y1 < y2");
    assertThatThrownBy(() -> new FaceBox(0, 10, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FaceBox(0, 0, Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FaceBox(Double.NEGATIVE_INFINITY, 0, 1, 10))
        .isInstanceOf(IllegalArgumentException.class);
    FaceBox b = new FaceBox(0, 0, 4, 9);
    assertThat(b.size()).isEqualTo(6.0);
    assertThat(b.centerX()).isEqualTo(2.0);
    assertThat(b.centerY()).isEqualTo(4.5);
  }

  @Test
  void aBoxAroundPointsIsEnlargedAboutTheirCentreAndNeverEmpty() {
    FaceBox b = FaceBox.around(Landmarks.of(new float[] {10, 20, 30, 60}), 1.5);
    assertThat(b.centerX()).isEqualTo(20.0);
    assertThat(b.centerY()).isEqualTo(40.0);
    assertThat(b.width()).isEqualTo(30.0);
    assertThat(b.height()).isEqualTo(60.0);
    // Identical points still give a (2 x 2) box, so a degenerate annotation cannot break the crop.
    FaceBox point = FaceBox.around(Landmarks.of(new float[] {5, 5, 5, 5}), 1.2);
    assertThat(point.width()).isEqualTo(2.0);
  }

  @Test
  void aFaceSampleChecksItsPartsAndFillsDefaults() {
    Landmarks two = Landmarks.of(new float[] {1, 1, 3, 3});
    FaceBox box = new FaceBox(0, 0, 4, 4);
    assertThatThrownBy(() -> FaceSample.of(" ", IMAGE, box, two, "s")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an id");
    assertThatThrownBy(() -> FaceSample.of("a", null, box, two, "s")).hasMessageContaining("face sample a needs");
    assertThatThrownBy(() -> FaceSample.of("a", IMAGE, null, two, "s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FaceSample("a", IMAGE, box, two, Visibility.all(3), null, null, null))
        .hasMessage("face sample a: visibility has 3 entries for 2 landmarks");
    FaceSample s = new FaceSample("a", IMAGE, box, two, null, null, null, null);
    assertThat(s.visible()).isEqualTo(Visibility.all(2));
    assertThat(s.truthInImage()).isEqualTo(Optional.empty());
    assertThat(s.sequence()).isEmpty();
    assertThat(s.source()).isEmpty();
  }

  @Test
  void aDetectedFaceNeedsABoxAndAFiniteScore() {
    FaceBox box = new FaceBox(0, 0, 4, 4);
    assertThatThrownBy(() -> new DetectedFace(null, 1)).hasMessageContaining("needs a box");
    assertThatThrownBy(() -> new DetectedFace(box, Double.NaN)).hasMessageContaining("finite");
    assertThat(new DetectedFace(box, 0.5).score()).isEqualTo(0.5);
  }

  @Test
  void aDataProblemNamesFileAndLineWhenThereIsOne() {
    assertThat(new DataProblem("a.pts", 4, "bad")).hasToString("a.pts:4: bad");
    assertThat(new DataProblem("a.jpg", 0, "missing image")).hasToString("a.jpg: missing image");
  }

  @Test
  void exitCodesFollowTheKind() {
    assertThat(SaException.invalidInput("x").exitCode()).isEqualTo(2);
    assertThat(SaException.dataError("x").exitCode()).isEqualTo(2);
    assertThat(SaException.pluginError("x").kind()).isEqualTo(SaException.Kind.PLUGIN_ERROR);
    assertThat(SaException.pluginError("x").exitCode()).isEqualTo(2);
    RuntimeException cause = new RuntimeException("disk");
    SaException runtime = SaException.runtime("failed", cause);
    assertThat(runtime.exitCode()).isEqualTo(1);
    assertThat(runtime.getCause()).isSameAs(cause);
  }

  @Test
  void normalisersMeasureOnTheReferencePoints() {
    Landmarks pts = Landmarks.of(new float[] {0, 0, 2, 0, 10, 0, 12, 0});
    Normalization groups = new Normalization.PointGroups("centres", List.of(0, 1), List.of(2, 3));
    assertThat(groups.distance(pts, new FaceBox(0, 0, 1, 1))).isEqualTo(10.0);
    assertThat(new Normalization.BoxSize("box").distance(pts, new FaceBox(0, 0, 4, 9))).isCloseTo(6.0, within(1e-12));
    assertThatThrownBy(() -> new Normalization.PointGroups("empty", List.of(), List.of(1)))
        .hasMessage("normaliser empty needs two non-empty point groups");
  }

  @Test
  void aScaledBoxKeepsItsCentre() {
    FaceBox b = new FaceBox(10, 20, 30, 60).scaled(1.5);
    assertThat(b).isEqualTo(new FaceBox(5, 10, 35, 70));
    Landmarks points = Landmarks.of(new float[] {10, 20, 30, 60, 15, 40});
    FaceBox viaScaled = FaceBox.around(points, 1.0).scaled(1.25);
    FaceBox direct = FaceBox.around(points, 1.25);
    assertThat(viaScaled.x1()).isCloseTo(direct.x1(), within(1e-9));
    assertThat(viaScaled.y2()).isCloseTo(direct.y2(), within(1e-9));
  }
}
