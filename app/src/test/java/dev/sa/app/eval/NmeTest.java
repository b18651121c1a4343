package dev.sa.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.api.Visibility;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmeTest {
  private static final Landmarks REF = Landmarks.of(new float[] {0, 0, 10, 0, 5, 5});
  private static final Normalization AB = new Normalization.PointGroups("ab", List.of(0), List.of(1));

  @Test
  void meanPointErrorDividedByTheNormaliserOnTheReference() {
    Landmarks pred = Landmarks.of(new float[] {1, 0, 10, 0, 5, 7});
    // errors 1, 0, 2 -> mean 1 -> / 10
    assertThat(Nme.face(pred, REF, Visibility.all(3), AB, new FaceBox(0, 0, 10, 10))).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void invisiblePointsAreLeftOutAndBoxSizeNormalises() {
    Landmarks pred = Landmarks.of(new float[] {1, 0, 10, 0, 5, 7});
    Visibility vis = Visibility.of(new boolean[] {true, true, false});
    Normalization box = new Normalization.BoxSize("box");
    assertThat(Nme.face(pred, REF, vis, box, new FaceBox(0, 0, 4, 9))).isCloseTo(0.5 / 6, within(1e-9));
    assertThat(Nme.points(pred, REF, vis, AB, new FaceBox(0, 0, 4, 9))[2]).isNaN();
  }

  @Test
  void interPupilUsesEyeCentres() {
    float[] xy = new float[136];
    for (int i = 36; i <= 41; i++) {
      xy[2 * i] = 10 + (i % 2);
    }
    for (int i = 42; i <= 47; i++) {
      xy[2 * i] = 40 + (i % 2);
    }
    Normalization ip = dev.sa.api.Schemes.ibug68().defaultNormalization();
    assertThat(ip.name()).isEqualTo("inter-pupil");
    assertThat(ip.distance(Landmarks.of(xy), new FaceBox(0, 0, 1, 1))).isCloseTo(30, within(1e-6));
  }
}
