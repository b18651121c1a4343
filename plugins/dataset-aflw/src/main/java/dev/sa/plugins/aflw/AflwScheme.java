package dev.sa.plugins.aflw;

import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The 19-point AFLW-Full scheme (AFLW's 21 points without the two ears; paper Section 4.1):
 * brows 0-5, eyes 6-11, nose 12-14, mouth 15-17, chin 18, 0-based. Side {@code a} is the image's
 * left, as in the iBUG scheme. NME is normalised by the face size {@code sqrt(w * h)} of the box
 * (paper Table 3).
 *
 * <p>Weak points (paper Section 3: positions along a contour without a local feature that fixes
 * them): the brow centres 1 and 4 (the middle of an arch), the mouth centre 16 (the middle of the
 * lip line) and the chin 18 (the lowest point of the jaw contour). The eye centres 7 and 10 stay
 * strong: the pupil is a local feature. The rest are corners, the nose tip and the nostrils.
 */
public final class AflwScheme {
  /** Number of points. */
  public static final int POINTS = 19;

  private AflwScheme() {}

  public static LandmarkScheme aflw19() {
    List<String> names = List.of(
        "brow_a_outer", "brow_a_centre", "brow_a_inner", "brow_b_inner", "brow_b_centre", "brow_b_outer",
        "eye_a_outer", "eye_a_centre", "eye_a_inner", "eye_b_inner", "eye_b_centre", "eye_b_outer",
        "nose_a", "nose_tip", "nose_b",
        "mouth_a", "mouth_centre", "mouth_b",
        "chin");
    int[][] pairs = {{0, 5}, {1, 4}, {2, 3}, {6, 11}, {7, 10}, {8, 9}, {12, 14}, {15, 17}};
    List<LandmarkScheme.FlipPair> flips = new ArrayList<>();
    for (int[] p : pairs) {
      flips.add(new LandmarkScheme.FlipPair(p[0], p[1]));
    }
    return new LandmarkScheme("aflw19", names, flips,
        List.of(new Normalization.BoxSize("face-size")), Set.of(1, 4, 16, 18));
  }
}
