package dev.sa.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {
  @Test
  void splitsHaveTheConfiguredSizesAndFullJoinsTheTestSubsets() {
    SyntheticDataset d = TestData.open(1, TestData.small(12, 5, 4));
    assertThat(d.splitNames()).containsExactly("train", "common", "challenge", "full");
    assertThat(d.split("train")).hasSize(12);
    assertThat(d.split("common")).hasSize(5);
    assertThat(d.split("challenge")).hasSize(4);
    List<FaceSample> full = d.split("full");
    assertThat(full).hasSize(9);
    for (int i = 0; i < 5; i++) {
      assertThat(full.get(i)).isSameAs(d.split("common").get(i));
    }
    for (int i = 0; i < 4; i++) {
      assertThat(full.get(5 + i)).isSameAs(d.split("challenge").get(i));
    }
    assertThat(d.split("train").get(3).id()).isEqualTo("train/000003");
    assertThat(d.split("challenge").get(0).id()).isEqualTo("challenge/000000");
    assertThat(d.problems()).isEmpty();
    assertThat(d.officialCounts()).isEmpty();
    assertThatThrownBy(() -> d.split("test"))
        .isInstanceOf(SaException.class)
        .hasMessageContaining("test")
        .hasMessageContaining("challenge");
  }

  @Test
  void samplesCarryTruthAllVisibleAndTruthInsideTheImage() {
    SyntheticDataset d = TestData.open(2, TestData.small(60, 30, 30));
    for (String split : List.of("train", "full")) {
      for (FaceSample s : d.split(split)) {
        assertThat(s.truthInImage()).isPresent();
        Landmarks t = s.truthInImage().get();
        assertThat(t.count()).isEqualTo(68);
        assertThat(s.landmarksInImage().count()).isEqualTo(68);
        for (int i = 0; i < 68; i++) {
          assertThat(s.visible().isVisible(i)).isTrue();
          assertThat(t.x(i)).isBetween(0f, 95f);
          assertThat(t.y(i)).isBetween(0f, 95f);
        }
        assertThat(s.landmarksInImage()).isNotEqualTo(t);
      }
    }
  }

  @Test
  void boxesAreJitteredEnlargedTightBoxes() {
    SyntheticDataset d = TestData.open(3, TestData.small(40, 1, 1));
    double sumRatio = 0;
    for (FaceSample s : d.split("train")) {
      FaceBox tight = FaceBox.around(s.truthInImage().get(), 1.0);
      FaceBox box = s.box();
      double ratio = box.width() / tight.width();
      assertThat(ratio).isBetween(1.25 * 0.9 - 1e-9, 1.25 * 1.1 + 1e-9);
      assertThat(Math.abs(box.centerX() - tight.centerX())).isLessThanOrEqualTo(0.08 * box.width());
      sumRatio += ratio;
    }
    assertThat(sumRatio / 40).isCloseTo(1.25, org.assertj.core.api.Assertions.within(0.03));
  }

  @Test
  void sameSeedSameFacesAndPixels() throws Exception {
    SyntheticDataset a = TestData.open(7, TestData.small(6, 3, 3));
    SyntheticDataset b = TestData.open(7, TestData.small(6, 3, 3));
    for (String split : List.of("train", "full")) {
      for (int i = 0; i < a.split(split).size(); i++) {
        FaceSample x = a.split(split).get(i);
        FaceSample y = b.split(split).get(i);
        assertThat(y.landmarksInImage()).isEqualTo(x.landmarksInImage());
        assertThat(y.truthInImage()).isEqualTo(x.truthInImage());
        assertThat(y.box()).isEqualTo(x.box());
        assertThat(pixels(y.image().load())).isEqualTo(pixels(x.image().load()));
      }
    }
  }

  @Test
  void anotherSeedOrOffsetGivesOtherFaces() throws Exception {
    FaceSample a = TestData.open(7, TestData.small(2, 1, 1)).split("train").get(1);
    FaceSample b = TestData.open(8, TestData.small(2, 1, 1)).split("train").get(1);
    Map<String, Object> shifted = TestData.small(2, 1, 1);
    shifted.put("seedOffset", 1L);
    FaceSample c = TestData.open(7, shifted).split("train").get(1);
    assertThat(b.truthInImage()).isNotEqualTo(a.truthInImage());
    assertThat(pixels(b.image().load())).isNotEqualTo(pixels(a.image().load()));
    assertThat(c.truthInImage()).isEqualTo(b.truthInImage());
  }

  @Test
  void theNoiseModelChangesOnlyTheAnnotation() throws Exception {
    FaceSample a = TestData.open(9, TestData.small(3, 1, 1)).split("train").get(2);
    Map<String, Object> o = TestData.small(3, 1, 1);
    o.put("noise", "annotators");
    FaceSample b = TestData.open(9, o).split("train").get(2);
    assertThat(b.truthInImage()).isEqualTo(a.truthInImage());
    assertThat(b.box()).isEqualTo(a.box());
    assertThat(pixels(b.image().load())).isEqualTo(pixels(a.image().load()));
    assertThat(b.landmarksInImage()).isNotEqualTo(a.landmarksInImage());
  }

  @Test
  void aLoadIsAFreshCopyOfTheRenderedFace() throws Exception {
    FaceSample s = TestData.open(7, TestData.small(2, 1, 1)).split("train").get(0);
    BufferedImage first = s.image().load();
    int[] expected = pixels(first);
    // what a caller draws into its copy never reaches the next load
    java.awt.Graphics2D g = first.createGraphics();
    g.fillRect(0, 0, first.getWidth(), first.getHeight());
    g.dispose();
    BufferedImage second = s.image().load();
    assertThat(second).isNotSameAs(first);
    assertThat(second.getType()).as("the image type, which drawing paths depend on").isEqualTo(((SyntheticImageSource) s.image()).render().getType())
        .isNotEqualTo(BufferedImage.TYPE_CUSTOM);
    assertThat(pixels(second)).isEqualTo(expected);
    assertThat(pixels(((SyntheticImageSource) s.image()).render())).isEqualTo(expected);
  }

  @Test
  void concurrentLoadsGiveIdenticalImages() throws Exception {
    SyntheticDataset d = TestData.open(11, TestData.small(8, 2, 2));
    List<FaceSample> faces = d.split("train");
    List<int[]> expected = new ArrayList<>();
    for (FaceSample s : faces) {
      expected.add(pixels(s.image().load()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<int[]>> got = new ArrayList<>();
      for (int rep = 0; rep < 3; rep++) {
        for (FaceSample s : faces) {
          got.add(pool.submit(() -> pixels(s.image().load())));
        }
      }
      for (int k = 0; k < got.size(); k++) {
        assertThat(got.get(k).get()).isEqualTo(expected.get(k % faces.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void imagesAreRgbOfTheConfiguredSize() throws Exception {
    Map<String, Object> o = TestData.small(1, 1, 1);
    o.put("imageSize", 64);
    BufferedImage img = TestData.open(1, o).split("challenge").get(0).image().load();
    assertThat(img.getWidth()).isEqualTo(64);
    assertThat(img.getHeight()).isEqualTo(64);
    assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
  }

  static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }
}
