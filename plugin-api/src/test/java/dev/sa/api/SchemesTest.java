package dev.sa.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Landmark schemes are declared as data: their checks, and the iBUG 68-point declaration. */
class SchemesTest {
  private static final List<Normalization> ONE = List.of(new Normalization.BoxSize("box"));

  @Test
  void aSchemeRefusesWhatCannotBeMeant() {
    assertThatThrownBy(() -> new LandmarkScheme("none", List.of(), List.of(), ONE, Set.of()))
        .hasMessage("scheme none has no points");
    assertThatThrownBy(() -> new LandmarkScheme("nonorm", List.of("a"), List.of(), List.of(), Set.of()))
        .hasMessage("scheme nonorm declares no normaliser");
    assertThatThrownBy(() -> new LandmarkScheme("flip", List.of("a", "b"),
        List.of(new LandmarkScheme.FlipPair(0, 2)), ONE, Set.of()))
        .hasMessage("scheme flip: flip pair FlipPair[left=0, right=2] outside 0..1");
    assertThatThrownBy(() -> new LandmarkScheme("weak", List.of("a", "b"), List.of(), ONE, Set.of(-1)))
        .hasMessage("scheme weak: weak point -1 outside 0..1");
  }

  @Test
  void normalisersAreFoundByNameAndTheFirstIsTheDefault() {
    LandmarkScheme s = new LandmarkScheme("two", List.of("a", "b"), List.of(),
        List.of(new Normalization.BoxSize("box"), new Normalization.PointGroups("ab", List.of(0), List.of(1))),
        Set.of());
    assertThat(s.defaultNormalization().name()).isEqualTo("box");
    assertThat(s.normalization("ab")).isInstanceOf(Normalization.PointGroups.class);
    assertThatThrownBy(() -> s.normalization("iod")).isInstanceOfSatisfying(SaException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(2);
      assertThat(e.getMessage()).isEqualTo("unknown normaliser 'iod' for scheme two; valid: [box, ab]");
    });
  }

  @Test
  void aSchemeCopiesItsLists() {
    List<String> names = new java.util.ArrayList<>(List.of("a", "b"));
    LandmarkScheme s = new LandmarkScheme("c", names, List.of(), ONE, Set.of(1));
    names.add("c");
    assertThat(s.count()).isEqualTo(2);
    assertThatThrownBy(() -> s.pointNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(s.isWeak(1)).isTrue();
    assertThat(s.isWeak(0)).isFalse();
  }

  @Test
  void ibug68DeclaresSixtyEightNamedPointsAndAMirrorImage() {
    LandmarkScheme s = Schemes.ibug68();
    assertThat(s.name()).isEqualTo("ibug68");
    assertThat(s.count()).isEqualTo(68);
    assertThat(new HashSet<>(s.pointNames())).hasSize(68);
    assertThat(s.pointNames().get(0)).isEqualTo("jaw_0");
    assertThat(s.pointNames().get(36)).isEqualTo("eye_a_0");
    assertThat(s.pointNames().get(67)).isEqualTo("mouth_inner_7");
    int[] perm = s.flipPermutation();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 68; i++) {
      assertThat(perm[perm[i]]).as("flipping twice is the identity at %d", i).isEqualTo(i);
      seen.add(perm[i]);
    }
    assertThat(seen).hasSize(68);
    // The centre line maps onto itself: chin, nose bridge and tip, lip centres.
    for (int centre : new int[] {8, 27, 28, 29, 30, 33, 51, 57, 62, 66}) {
      assertThat(perm[centre]).isEqualTo(centre);
    }
    assertThat(perm[36]).isEqualTo(45);
    assertThat(perm[0]).isEqualTo(16);
    assertThat(perm[48]).isEqualTo(54);
  }

  @Test
  void ibug68NormalisesByEyeCentresFirstThenOuterCorners() {
    LandmarkScheme s = Schemes.ibug68();
    assertThat(s.normalizations()).extracting(Normalization::name).containsExactly("inter-pupil", "inter-ocular");
    float[] xy = new float[136];
    for (int p = 36; p <= 41; p++) {
      xy[2 * p] = 10;
      xy[2 * p + 1] = 20;
    }
    for (int p = 42; p <= 47; p++) {
      xy[2 * p] = 40;
      xy[2 * p + 1] = 20;
    }
    xy[2 * 36] = 4;
    xy[2 * 45] = 52;
    FaceBox box = new FaceBox(0, 0, 60, 60);
    // Eye centres move by the corners: (10*5+4)/6 = 9 and (40*5+52)/6 = 42.
    assertThat(s.normalization("inter-pupil").distance(Landmarks.of(xy), box)).isEqualTo(33.0);
    assertThat(s.normalization("inter-ocular").distance(Landmarks.of(xy), box)).isEqualTo(48.0);
  }

  @Test
  void ibug68WeakPointsAreContoursNotCorners() {
    LandmarkScheme s = Schemes.ibug68();
    for (int jaw = 0; jaw <= 16; jaw++) {
      assertThat(s.isWeak(jaw)).isTrue();
    }
    for (int strong : new int[] {17, 21, 22, 26, 30, 31, 35, 36, 39, 42, 45, 48, 54, 60, 64}) {
      assertThat(s.isWeak(strong)).as("point %d", strong).isFalse();
    }
    assertThat(s.weakPoints()).hasSize(50);
  }
}
