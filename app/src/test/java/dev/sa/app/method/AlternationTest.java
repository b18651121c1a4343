package dev.sa.app.method;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.Landmarks;
import dev.sa.app.BlankImage;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlternationTest {
  private static final Frames FRAMES = new Frames(64, 32, 1.0, new int[] {0});

  private static Labels labels() {
    ImageSource img = new BlankImage(8, 8);
    Landmarks human = Landmarks.of(new float[] {1, 2});
    Labels l = new Labels(List.of(FaceSample.of("a", img, new FaceBox(0, 0, 8, 8), human, "")), List.of(human));
    l.setSearched(0, Landmarks.of(new float[] {3, 4}));
    return l;
  }

  private static SaConfig config(String... sets) {
    return ConfigLoader.load(null, List.of(sets)).config();
  }

  @Test
  void onlyASearchingPhaseWithUpdatePromotesYHatToO() {
    Labels promoted = labels();
    new Alternation(true, true, 1.0, false).afterTraining(promoted);
    assertThat(promoted.observation(0)).isEqualTo(promoted.searched(0));
    for (Alternation keeps : List.of(new Alternation(true, false, 1.0, false), Alternation.NONE,
        new Alternation(false, true, 1.0, false))) {
      Labels l = labels();
      keeps.afterTraining(l);
      assertThat(l.observation(0)).as(keeps.toString()).isEqualTo(l.human(0));
    }
  }

  @Test
  void aDampedUpdateMovesOPartOfTheWay() {
    Labels l = labels();
    Alternation.of(config("sa.enabled=true", "sa.updateRate=0.25")).afterTraining(l);
    // o = (1, 2), y^ = (3, 4): a quarter of the way
    assertThat(l.observation(0).x(0)).isEqualTo(1.5f);
    assertThat(l.observation(0).y(0)).isEqualTo(2.5f);
    Alternation.of(config("sa.enabled=true", "sa.updateRate=0.25")).afterTraining(l);
    assertThat(l.observation(0).x(0)).isEqualTo(1.875f);
  }

  @Test
  void aGatedUpdateMovesOnlyTheBestFittingShareOfEachLandmark() {
    List<FaceSample> faces = new ArrayList<>();
    List<Landmarks> start = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Landmarks o = Landmarks.of(new float[] {i, 0, i, 10});
      faces.add(FaceSample.of("f" + i, labels().sample(0).image(), new FaceBox(0, 0, 8, 8), o, ""));
      start.add(o);
    }
    Labels l = new Labels(faces, start);
    // landmark 0's fits rank faces 1, 3, 0, 2; landmark 1's: face 2, then 0 (face 1 has none, face 3 ties 0)
    double[][] fits = {{3, 5}, {1, Double.NaN}, {4, 2}, {2, 5}};
    for (int i = 0; i < 4; i++) {
      l.setSearched(i, Landmarks.of(new float[] {i + 0.5f, 1, i + 0.5f, 11}), fits[i]);
    }
    Alternation.of(config("sa.enabled=true", "sa.updateShare=0.5")).afterTraining(l);
    boolean[][] moved = new boolean[4][2];
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 2; k++) {
        moved[i][k] = l.observation(i).y(k) != start.get(i).y(k);
        float expect = moved[i][k] ? l.searched(i).y(k) : start.get(i).y(k);
        assertThat(l.observation(i).y(k)).isEqualTo(expect);
      }
    }
    assertThat(moved).isEqualTo(new boolean[][] {{false, true}, {true, false}, {false, true}, {true, false}});
    // share 1 with rate 1 is the paper's update, every point
    Alternation.of(config("sa.enabled=true", "sa.updateShare=1")).afterTraining(l);
    for (int i = 0; i < 4; i++) {
      assertThat(l.observation(i)).isEqualTo(l.searched(i));
    }
  }

  @Test
  void theConfigChoosesSearchUpdateAndTheEq9Loss() {
    assertThat(Alternation.of(config("sa.enabled=true", "sa.loss=chi2")))
        .isEqualTo(new Alternation(true, true, 1.0, true));
    assertThat(Alternation.of(config("sa.enabled=true", "sa.updateObservation=false")))
        .isEqualTo(new Alternation(true, false, 1.0, false));
    // the Eq. 9 loss belongs to SA: a plain continuation trains with MSE
    assertThat(Alternation.of(config("sa.enabled=false", "sa.loss=chi2")).chi2Loss()).isFalse();
    SaConfig c = config("sa.enabled=true", "sa.loss=chi2");
    assertThat(Alternation.of(c).lossWeights(c)).isInstanceOf(ChiSquareWeights.class);
    assertThat(Alternation.NONE.lossWeights(c)).isNull();
    assertThat(Alternation.NONE.searchStep(c, FRAMES, null)).isNull();
  }

  @Test
  void searchStepFollowsSaTemplateAndLambdaFromTheConfig() {
    SaConfig c = config("sa.enabled=true", "sa.template=19", "sa.window=17", "sa.referenceSize=64",
        "input.heatmapSize=32", "sa.upsample=1");
    SearchStep step = Alternation.of(c).searchStep(c, FRAMES, null);
    assertThat(step.search().params().template()).isEqualTo(9);
    assertThat(step.search().params().window()).isEqualTo(9);
    assertThat(step.keepsObservations()).isFalse();
    SaConfig zero = config("sa.enabled=true", "sa.lambda=0");
    SearchStep keep = Alternation.step1(zero, FRAMES, null);
    assertThat(keep.keepsObservations()).isTrue();
    Labels l = labels();
    keep.keepObservations(l);
    assertThat(l.searched(0)).isEqualTo(l.observation(0));
  }
}
