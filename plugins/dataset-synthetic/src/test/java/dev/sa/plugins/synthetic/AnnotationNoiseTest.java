package dev.sa.plugins.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Schemes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotationNoiseTest {
  private static final LandmarkScheme SCHEME = Schemes.ibug68();

  /** Displacement of point i from truth to annotation, along and across its true tangent, in IPD. */
  private static double[] alongAcross(FaceSample s, int i) {
    Landmarks t = s.truthInImage().get();
    Landmarks h = s.landmarksInImage();
    double[][] tan = Contours.tangents(t);
    double ipd = AnnotationNoise.interPupil(t);
    double dx = (h.x(i) - t.x(i)) / ipd;
    double dy = (h.y(i) - t.y(i)) / ipd;
    return new double[] {dx * tan[i][0] + dy * tan[i][1], -dx * tan[i][1] + dy * tan[i][0], dx, dy};
  }

  @Test
  void independentWeakPointsSlideAlongTheirContour() {
    SyntheticDataset d = TestData.open(21, TestData.small(300, 1, 1));
    double sa = 0;
    double saa = 0;
    double sn = 0;
    double snn = 0;
    int nw = 0;
    double ss = 0;
    int ns = 0;
    for (FaceSample s : d.split("train")) {
      for (int i = 0; i < 68; i++) {
        double[] v = alongAcross(s, i);
        if (SCHEME.isWeak(i)) {
          sa += v[0];
          saa += v[0] * v[0];
          sn += v[1];
          snn += v[1] * v[1];
          nw++;
        } else {
          ss += v[2] * v[2] + v[3] * v[3];
          ns += 2;
        }
      }
    }
    double meanAlong = sa / nw;
    double stdAlong = Math.sqrt(saa / nw - meanAlong * meanAlong);
    double stdAcross = Math.sqrt(snn / nw - (sn / nw) * (sn / nw));
    double stdStrong = Math.sqrt(ss / ns);
    assertThat(stdAlong).isCloseTo(0.06, within(0.004));
    assertThat(stdAcross).isCloseTo(0.01, within(0.002));
    assertThat(stdAlong / stdAcross).isGreaterThan(4);
    assertThat(Math.abs(meanAlong)).isLessThan(4 * stdAlong / Math.sqrt(nw));
    assertThat(Math.abs(sn / nw)).isLessThan(0.002);
    assertThat(stdStrong).isCloseTo(0.015, within(0.0015));
  }

  @Test
  void annotatorsHaveConsistentConventions() {
    Map<String, Object> o = TestData.small(300, 100, 1);
    o.put("noise", "annotators");
    SyntheticDataset d = TestData.open(22, o);
    AnnotationNoise noise = d.noise();
    List<FaceSample> train = d.split("train");
    double[][] mean = new double[3][68];
    int[] count = new int[3];
    for (int f = 0; f < train.size(); f++) {
      int a = f % 3;
      count[a]++;
      for (int i = 0; i < 68; i++) {
        mean[a][i] += alongAcross(train.get(f), i)[0];
      }
    }
    double differs = 0;
    int weak = 0;
    for (int i = 0; i < 68; i++) {
      if (!SCHEME.isWeak(i)) {
        assertThat(noise.convention(0, i)).isZero();
        continue;
      }
      weak++;
      for (int a = 0; a < 3; a++) {
        // Jitter std is 0.06 * 0.5 = 0.03; 100 faces give a standard error of 0.003.
        assertThat(mean[a][i] / count[a]).as("annotator %d point %d", a, i)
            .isCloseTo(noise.convention(a, i), within(0.013));
        assertThat(Math.abs(noise.convention(a, i))).isLessThanOrEqualTo(0.05 * Math.sqrt(2) + 1e-12);
      }
      differs += Math.abs(noise.convention(0, i) - noise.convention(1, i));
    }
    assertThat(differs / weak).isGreaterThan(0.02);
    // The common subset follows annotator 0.
    double offset = 0;
    for (FaceSample s : d.split("common")) {
      offset += alongAcross(s, 8)[0];
    }
    assertThat(offset / 100).isCloseTo(noise.convention(0, 8), within(0.013));
  }

  @Test
  void centredConventionsAgreeWithTheTruthOnAverageAndKeepTheirDifferences() {
    AnnotationNoise free = new AnnotationNoise(TestData.options(Map.of("noise", "annotators")), 5);
    AnnotationNoise centred = new AnnotationNoise(
        TestData.options(Map.of("noise", "annotators", "centreConventions", true)), 5);
    double moved = 0;
    for (int i = 0; i < 68; i++) {
      double sum = 0;
      double freeMean = 0;
      for (int a = 0; a < 3; a++) {
        sum += centred.convention(a, i);
        freeMean += free.convention(a, i) / 3;
      }
      assertThat(sum).as("point %d", i).isCloseTo(0, within(1e-12));
      for (int a = 0; a < 3; a++) {
        assertThat(centred.convention(a, i)).isCloseTo(free.convention(a, i) - freeMean, within(1e-12));
      }
      moved += Math.abs(freeMean);
    }
    // The uncentred conventions of this seed do not average to zero: centring changes something.
    assertThat(moved / 50).isGreaterThan(0.005);
  }

  @Test
  void jawConventionsMoveBothSidesConsistently() {
    AnnotationNoise noise = new AnnotationNoise(TestData.options(Map.of("noise", "annotators")), 5);
    for (int a = 0; a < 3; a++) {
      // One section over the whole jaw: the offsets are linear in the position along it.
      double step = noise.convention(a, 1) - noise.convention(a, 0);
      for (int k = 1; k <= 16; k++) {
        assertThat(noise.convention(a, k) - noise.convention(a, k - 1)).isCloseTo(step, within(1e-12));
      }
    }
  }

  @Test
  void appearanceErrsMoreOnChallengeAndOccludedPoints() {
    Map<String, Object> o = TestData.small(1, 120, 120);
    o.put("noise", "appearance");
    SyntheticDataset d = TestData.open(23, o);
    double common = meanError(d.split("common"));
    double challenge = meanError(d.split("challenge"));
    assertThat(challenge).isGreaterThan(1.5 * common);
    double hidden = 0;
    int nh = 0;
    double shown = 0;
    int ns = 0;
    for (FaceSample s : d.split("challenge")) {
      Set<Integer> occluded = ((SyntheticImageSource) s.image()).geometry().occluded;
      for (int i = 0; i < 68; i++) {
        double[] v = alongAcross(s, i);
        double e = Math.hypot(v[2], v[3]);
        if (occluded.contains(i)) {
          hidden += e;
          nh++;
        } else {
          shown += e;
          ns++;
        }
      }
    }
    assertThat(nh).isGreaterThan(100);
    assertThat(hidden / nh).isGreaterThan(2 * shown / ns);
  }

  @Test
  void appearanceScaleFollowsTheDocumentedFormula() {
    AnnotationNoise noise = new AnnotationNoise(TestData.options(Map.of("noise", "appearance")), 1);
    AnnotationNoise.Conditions c = new AnnotationNoise.Conditions(0, 1.0, 0.25, Set.of(7));
    assertThat(noise.scale(c, 3)).isCloseTo(1.5 / 0.5, within(1e-12));
    assertThat(noise.scale(c, 7)).isCloseTo(3 * 1.5 / 0.5, within(1e-12));
    assertThat(noise.scale(AnnotationNoise.Conditions.clear(0), 7)).isEqualTo(1.0);
    AnnotationNoise independent = new AnnotationNoise(SyntheticOptions.defaults(), 1);
    assertThat(independent.scale(c, 7)).isEqualTo(1.0);
  }

  @Test
  void sectionsSplitContoursAtStrongPoints() {
    List<List<Integer>> sections = Contours.sections(SCHEME);
    assertThat(sections).contains(
        List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
        List.of(17, 18, 19, 20, 21),
        List.of(27, 28, 29, 30),
        List.of(36, 37, 38, 39),
        List.of(39, 40, 41, 36),
        List.of(54, 55, 56, 57, 58, 59, 48),
        List.of(64, 65, 66, 67, 60));
    assertThat(sections.stream().flatMap(List::stream).filter(SCHEME::isWeak).distinct().count())
        .isEqualTo(SCHEME.weakPoints().size());
    assertThat(sections.stream().flatMap(List::stream).filter(SCHEME::isWeak).count())
        .isEqualTo(SCHEME.weakPoints().size());
  }

  private static double meanError(List<FaceSample> faces) {
    double sum = 0;
    for (FaceSample s : faces) {
      for (int i = 0; i < 68; i++) {
        double[] v = alongAcross(s, i);
        sum += Math.hypot(v[2], v[3]);
      }
    }
    return sum / (68.0 * faces.size());
  }
}
