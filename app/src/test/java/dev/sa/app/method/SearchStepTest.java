package dev.sa.app.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.app.BlankImage;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Step 1 on one face of two points whose heatmaps peak 2 px right of the annotation. */
class SearchStepTest {
  private static final int SIDE = 32;
  /** Point 0 lies on a contour (weak), point 1 is a corner. */
  private static final LandmarkScheme SCHEME = new LandmarkScheme("two", List.of("contour", "corner"), List.of(),
      List.of(new Normalization.BoxSize("box")), Set.of(0));
  private static final Landmarks HUMAN = Landmarks.of(new float[] {10, 10, 20, 20});

  private static final ImageSource BLANK = new BlankImage(SIDE, SIDE);

  /** One face whose heatmaps peak 2 px right of the annotation, searched with {@code sa.points}. */
  private static Labels search(String points) {
    return searchFaces(List.of("sa.subpixel=false", "sa.points=" + points), 2);
  }

  /** Two faces whose heatmaps peak {@code shiftA} / {@code shiftB} px right of their annotation. */
  private static Labels searchTwo(String moves, double shiftA, double shiftB) {
    return searchFaces(List.of("sa.subpixel=true", "sa.moves=" + moves), shiftA, shiftB);
  }

  /** One face per shift, each face's heatmaps peaking that many px right of its annotation; one pass. */
  private static Labels searchFaces(List<String> settings, double... shifts) {
    List<String> all = new java.util.ArrayList<>(List.of("sa.enabled=true", "sa.lambda=10", "sa.window=9",
        "sa.template=9", "sa.referenceSize=32", "input.size=32", "input.heatmapSize=32", "sa.upsample=1"));
    all.addAll(settings);
    SaConfig c = ConfigLoader.load(null, all).config();
    Frames frames = new Frames(SIDE, SIDE, 1.0, new int[] {0, 1});
    List<FaceSample> faces = new java.util.ArrayList<>();
    List<Landmarks> start = new java.util.ArrayList<>();
    for (int f = 0; f < shifts.length; f++) {
      faces.add(FaceSample.of("face" + f, BLANK, new FaceBox(0, 0, SIDE, SIDE), HUMAN, ""));
      start.add(HUMAN);
    }
    Labels labels = new Labels(faces, start);
    SearchStep step = Alternation.of(c).searchStep(c, frames, SCHEME);
    try (NDManager m = NDManager.newBaseManager()) {
      for (int f = 0; f < shifts.length; f++) {
        Frames.CropTransform t = frames.plain(faces.get(f));
        double[] hm = new double[4];
        frames.toHeatmap(t, HUMAN, hm, 0);
        float[] maps = new float[2 * SIDE * SIDE];
        for (int k = 0; k < 2; k++) {
          for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
              double dx = x - (hm[2 * k] + shifts[f]);
              double dy = y - hm[2 * k + 1];
              maps[k * SIDE * SIDE + y * SIDE + x] = (float) Math.exp(-(dx * dx + dy * dy) / 2);
            }
          }
        }
        step.searchBatch(m, m.create(maps, new Shape(1, 2, SIDE, SIDE)), List.of(t), new int[] {f}, labels);
      }
    }
    step.finishPass(labels);
    return labels;
  }

  @Test
  void centredMovesKeepTheMeanLabelWhereItWasAndTheDifferencesBetweenFaces() {
    Labels free = searchTwo("free", 3, 1);
    Labels centred = searchTwo("centred", 3, 1);
    double freeA = free.searched(0).x(0) - HUMAN.x(0);
    double freeB = free.searched(1).x(0) - HUMAN.x(0);
    // both faces move right with the paper's free moves
    assertThat(freeA).isGreaterThan(freeB).isGreaterThan(0.5);
    assertThat(freeB).isGreaterThan(0.5);
    double a = centred.searched(0).x(0) - HUMAN.x(0);
    double b = centred.searched(1).x(0) - HUMAN.x(0);
    // centred: the mean move is 0, the difference between the faces stays
    assertThat(a + b).isCloseTo(0, within(1e-4));
    assertThat(a - b).isCloseTo(freeA - freeB, within(1e-4));
    assertThat((double) centred.searched(0).y(1) - HUMAN.y(1)).isCloseTo(0, within(1e-4));
  }

  @Test
  void everyPointMovesTowardItsPeakWithPointsAll() {
    Landmarks y = search("all").searched(0);
    assertThat(y.x(0)).isGreaterThan(HUMAN.x(0) + 1);
    assertThat(y.x(1)).isGreaterThan(HUMAN.x(1) + 1);
  }

  @Test
  void onlyWeakPointsMoveWithPointsWeakAndTheOthersKeepOBitForBit() {
    Labels l = search("weak");
    Landmarks y = l.searched(0);
    assertThat(y.x(0)).isGreaterThan(HUMAN.x(0) + 1);
    assertThat(y.x(1)).isEqualTo(l.observation(0).x(1));
    assertThat(y.y(1)).isEqualTo(l.observation(0).y(1));
    // the kept point has no fit, so a confidence-gated update ranks it last
    assertThat(l.fit(0)[0]).isFinite().isNotNegative();
    assertThat(l.fit(0)[1]).isNaN();
  }

  @Test
  void eachSearchedPointCarriesItsFitToTheTemplate() {
    double[] fit = search("all").fit(0);
    assertThat(fit).hasSize(2);
    assertThat(fit[0]).isFinite().isNotNegative();
    assertThat(fit[1]).isFinite().isNotNegative();
  }

  @Test
  void anUnknownChoiceNamesTheValidOnes() {
    assertThatThrownBy(() -> ConfigLoader.load(null, List.of("sa.points=contour")))
        .hasMessageContaining("sa.points").hasMessageContaining("all").hasMessageContaining("weak");
  }

  @Test
  void weakPointsNeedTheScheme() {
    SaConfig c = ConfigLoader.load(null, List.of("sa.enabled=true", "sa.points=weak")).config();
    assertThatThrownBy(() -> Alternation.step1(c, new Frames(SIDE, SIDE, 1.0, new int[] {0, 1}), null))
        .hasMessageContaining("sa.points");
  }
}
