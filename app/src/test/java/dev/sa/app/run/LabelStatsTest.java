package dev.sa.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.app.BlankImage;
import dev.sa.app.method.Labels;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Label errors and the weak points' shared offset (bias), against values worked out by hand. */
class LabelStatsTest {
  private static final ImageSource BLANK = new BlankImage(8, 8);
  /** Two points, point 0 weak; NME over the box size, 10 for every face below. */
  private static final LandmarkScheme SCHEME = new LandmarkScheme("two", List.of("weak", "strong"), List.of(),
      List.of(new Normalization.BoxSize("box")), Set.of(0));

  private static FaceSample face(String id, float[] human, float[] truth) {
    return new FaceSample(id, BLANK, new FaceBox(0, 0, 10, 10), Landmarks.of(human), null,
        Optional.of(Landmarks.of(truth)), Optional.empty(), "");
  }

  @Test
  void theBiasIsTheLengthOfTheMeanOffsetWhileTheErrorIsTheMeanLength() {
    // Truth at the origin for both points. Weak point: human offsets (+1, 0) and (+1, 0) share a
    // bias of 1 (10% of the box); searched offsets (+1, 0) and (-1, 0) have the same error but
    // cancel: bias 0. Strong point: exact.
    float[] truth = {0, 0, 0, 0};
    FaceSample a = face("a", new float[] {1, 0, 0, 0}, truth);
    FaceSample b = face("b", new float[] {1, 0, 0, 0}, truth);
    Labels labels = new Labels(List.of(a, b), List.of(a.landmarksInImage(), b.landmarksInImage()));
    labels.setSearched(0, Landmarks.of(new float[] {1, 0, 0, 0}));
    labels.setSearched(1, Landmarks.of(new float[] {-1, 0, 0, 0}));

    LabelStats st = LabelStats.of(labels, SCHEME.defaultNormalization(), SCHEME);

    assertThat(st.humanWeak()).isCloseTo(10, within(1e-9));
    assertThat(st.truthWeak()).isCloseTo(10, within(1e-9));
    assertThat(st.humanBiasWeak()).isCloseTo(10, within(1e-9));
    assertThat(st.searchedBiasWeak()).isCloseTo(0, within(1e-9));
    assertThat(st.humanStrong()).isZero();
  }

  @Test
  void withoutTruthEveryTruthFigureIsNaN() {
    FaceSample a = FaceSample.of("a", BLANK, new FaceBox(0, 0, 10, 10), Landmarks.of(new float[] {1, 0, 0, 0}), "");
    LabelStats st = LabelStats.of(new Labels(List.of(a), List.of(a.landmarksInImage())),
        SCHEME.defaultNormalization(), SCHEME);
    assertThat(st.hasTruth()).isFalse();
    assertThat(st.humanBiasWeak()).isNaN();
    assertThat(st.searchedBiasWeak()).isNaN();
  }
}
