package dev.sa.plugins.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DetectedFace;
import dev.sa.api.DetectorSpec;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceDetector;
import dev.sa.api.FaceSample;
import dev.sa.api.SaException;
import dev.sa.plugins.synthetic.SyntheticDatasetPlugin;
import dev.sa.plugins.synthetic.SyntheticOptions;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cascades on faces the synthetic data set renders, on blank images, and the options. */
class CascadeDetectorTest {
  @TempDir
  Path tmp;

  static List<FaceSample> rendered(int count, int imageSize) {
    SyntheticOptions o = new SyntheticOptions(imageSize, null, 0.0, null, 0.0, null, count, 0, 0, null, null, null,
        null, null, null, null, null, null);
    Dataset d = new SyntheticDatasetPlugin().open(new DatasetContext(Path.of("unused"), 11, "dataset"), o);
    return d.split("train");
  }

  static FaceDetector detector(OpenCvOptions o) {
    return new OpenCvDetectorPlugin().create(new DetectorSpec(o));
  }

  @Test
  void theHostsThreadCountHoldsOpenCvsPool() {
    int before = opencv_core.getNumThreads();
    try {
      new OpenCvDetectorPlugin().create(new DetectorSpec(OpenCvOptions.defaults(), 1)).close();
      assertThat(opencv_core.getNumThreads()).isEqualTo(1);
      opencv_core.setNumThreads(before);
      new OpenCvDetectorPlugin().create(new DetectorSpec(OpenCvOptions.defaults())).close();
      assertThat(opencv_core.getNumThreads()).isEqualTo(before);
    } finally {
      opencv_core.setNumThreads(before);
    }
  }

  @Test
  void findsRenderedFacesFillingTheImage() throws Exception {
    List<FaceSample> faces = rendered(10, 160);
    int found = 0;
    try (FaceDetector d = detector(OpenCvOptions.defaults())) {
      for (FaceSample s : faces) {
        List<DetectedFace> got = d.detect(s.image().load());
        if (!got.isEmpty() && got.get(0).box().iou(s.box()) > 0.3) {
          found++;
        }
      }
    }
    // measured: 8 of 10 (faces 7 and 8 are missed by every cascade size), no false detection
    assertThat(found).isGreaterThanOrEqualTo(7);
  }

  /** Faces of {@code faces} drawn side by side at {@code side} px on a gray canvas; their boxes in {@code boxes}. */
  static BufferedImage group(List<FaceSample> faces, int side, List<FaceBox> boxes) throws Exception {
    int margin = side / 2;
    BufferedImage img = new BufferedImage(margin + faces.size() * (side + margin), side + 2 * margin,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(120, 130, 140));
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < faces.size(); i++) {
      BufferedImage face = faces.get(i).image().load();
      double k = (double) side / face.getWidth();
      int x0 = margin + i * (side + margin);
      g.drawImage(face, x0, margin, side, side, null);
      FaceBox b = faces.get(i).box();
      boxes.add(new FaceBox(x0 + (b.x1() + 0.5) * k - 0.5, margin + (b.y1() + 0.5) * k - 0.5,
          x0 + (b.x2() + 0.5) * k - 0.5, margin + (b.y2() + 0.5) * k - 0.5));
    }
    g.dispose();
    return img;
  }

  /** How many of {@code truth} a detection overlaps (IoU above 0.3). */
  static int hits(List<DetectedFace> got, List<FaceBox> truth) {
    int hit = 0;
    for (FaceBox t : truth) {
      hit += got.stream().anyMatch(f -> f.box().iou(t) > 0.3) ? 1 : 0;
    }
    return hit;
  }

  @Test
  void findsEveryFaceOfAGroupAndNothingElse() throws Exception {
    List<FaceBox> truth = new ArrayList<>();
    BufferedImage img = group(rendered(5, 160), 64, truth);
    try (FaceDetector d = detector(OpenCvOptions.defaults())) {
      List<DetectedFace> got = d.detect(img);
      assertThat(got).hasSize(5);
      assertThat(hits(got, truth)).isEqualTo(5);
      for (int i = 1; i < got.size(); i++) {
        assertThat(got.get(i).score()).isLessThanOrEqualTo(got.get(i - 1).score()).isPositive();
      }
    }
  }

  @Test
  void upsamplingFindsFacesSmallerThanTheCascadeWindow() throws Exception {
    List<FaceBox> truth = new ArrayList<>();
    BufferedImage img = group(rendered(5, 160), 18, truth);
    try (FaceDetector plain = detector(new OpenCvOptions(null, 8, null, null, null, 1, null, null));
        FaceDetector up = detector(new OpenCvOptions(null, 8, null, null, null, 3, null, null))) {
      List<DetectedFace> small = plain.detect(img);
      List<DetectedFace> enlarged = up.detect(img);
      assertThat(hits(small, truth)).isZero();
      assertThat(hits(enlarged, truth)).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void blankImagesHaveNoFace() {
    try (FaceDetector d = detector(OpenCvOptions.defaults())) {
      for (Color c : List.of(Color.WHITE, Color.BLACK, Color.GRAY)) {
        BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 200, 150);
        g.dispose();
        assertThat(d.detect(img)).isEmpty();
      }
    }
  }

  @Test
  void optionsNameTheKeyAndRange() {
    assertThatThrownBy(() -> new OpenCvOptions("haarcascade_eye", null, null, null, null, null, null, null))
        .hasMessageContaining("options.cascade: 'haarcascade_eye' is not a shipped cascade");
    assertThatThrownBy(() -> new OpenCvOptions(null, 0, null, null, null, null, null, null))
        .hasMessageContaining("options.minFaceSize: 0 is outside 1..10000");
    assertThatThrownBy(() -> new OpenCvOptions(null, 40, 20, null, null, null, null, null))
        .hasMessageContaining("options.maxFaceSize: 20 must be 0");
    assertThatThrownBy(() -> new OpenCvOptions(null, null, null, 1.0, null, null, null, null))
        .hasMessageContaining("options.scaleFactor: 1.0 is outside (1, 2]");
    assertThatThrownBy(() -> new OpenCvOptions(null, null, null, null, -1, null, null, null))
        .hasMessageContaining("options.minNeighbors: -1 is outside 0..100");
    assertThatThrownBy(() -> new OpenCvOptions(null, null, null, null, null, 5, null, null))
        .hasMessageContaining("options.upsample: 5 is outside 1..4");
    OpenCvOptions d = OpenCvOptions.defaults();
    assertThat(d).isEqualTo(new OpenCvOptions("haarcascade_frontalface_alt2", 24, 0, 1.1, 3, 1, true, "accurate"));
    OpenCvOptions fast = new OpenCvOptions(null, null, null, null, null, null, null, "fast");
    assertThat(fast).isEqualTo(new OpenCvOptions("lbpcascade_frontalface", 32, 0, 1.2, 3, 1, true, "fast"));
    // an explicit key overrides its preset value
    assertThat(new OpenCvOptions(null, 48, null, null, null, null, null, "fast").minFaceSize()).isEqualTo(48);
    assertThat(new OpenCvOptions("haarcascade_frontalface_default", null, null, null, null, null, null, "fast")
        .scaleFactor()).isEqualTo(1.2);
    assertThatThrownBy(() -> new OpenCvOptions(null, null, null, null, null, null, null, "quick"))
        .hasMessageContaining("options.preset: 'quick' is not one of accurate, fast");
  }

  @Test
  void everyShippedCascadeLoadsAndAMissingFileIsInvalidInput() {
    for (String c : OpenCvOptions.CASCADES) {
      try (FaceDetector d = detector(new OpenCvOptions(c, null, null, null, null, null, null, null))) {
        assertThat(d).isNotNull();
      }
    }
    assertThatThrownBy(() -> detector(new OpenCvOptions(tmp.resolve("none.xml").toString(), null, null, null, null,
        null, null, null))).isInstanceOf(SaException.class).hasMessageContaining("none.xml: no such file");
  }
}
