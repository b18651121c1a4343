package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.FaceBox;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.api.Schemes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotationsTest {
  private static final LandmarkScheme IBUG = Schemes.ibug68();
  private static final FaceBox BOX = new FaceBox(0, 0, 100, 100);

  private static Landmarks spread(int n) {
    float[] xy = new float[2 * n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = 10 + (i * 7) % 80;
      xy[2 * i + 1] = 10 + (i * 13) % 80;
    }
    return Landmarks.of(xy);
  }

  @Test
  void aNormalFacePasses() {
    assertThatCode(() -> Annotations.requireSize(IBUG, spread(68), BOX, "a.pts", 0)).doesNotThrowAnyException();
  }

  /** Issue 17 item 9: 68 identical points gave label_move=Infinity and a NaN NME. */
  @Test
  void identicalPointsAreAZeroSizeAnnotation() {
    float[] xy = new float[136];
    java.util.Arrays.fill(xy, 42f);
    assertThatThrownBy(() -> Annotations.requireSize(IBUG, Landmarks.of(xy), BOX, "a.pts", 0))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith("zero-size annotation: the 68 points span 0.00 px (all at (42.0, 42.0)?)");
  }

  @Test
  void aZeroNormaliserIsNamed() {
    float[] xy = spread(68).toArray();
    // Both eyes on one spot: inter-pupil 0 while the face has a size.
    for (int p = 36; p < 48; p++) {
      xy[2 * p] = 50;
      xy[2 * p + 1] = 40;
    }
    assertThatThrownBy(() -> Annotations.requireSize(IBUG, Landmarks.of(xy), BOX, "b.pts", 0))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith("zero-size annotation: the inter-pupil distance is 0.00 px");
    LandmarkScheme boxed = new LandmarkScheme("two", List.of("a", "b"), List.of(),
        List.of(new Normalization.BoxSize("box")), Set.of());
    assertThatThrownBy(() -> Annotations.requireSize(boxed, Landmarks.of(new float[] {0, 0, 5, 5}),
        new FaceBox(3, 3, 3.5, 3.5), "c.csv", 4))
        .isInstanceOf(MalformedFileException.class).hasMessageContaining("the box distance is 0.500 px");
  }
}
