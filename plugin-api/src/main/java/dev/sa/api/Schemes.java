package dev.sa.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Landmark schemes shared by several data sets. */
public final class Schemes {
  private Schemes() {}

  /** Left eye contour (image-left), points 36-41 of the iBUG 68-point scheme. */
  public static final List<Integer> IBUG_EYE_A = List.of(36, 37, 38, 39, 40, 41);
  /** Right eye contour, points 42-47. */
  public static final List<Integer> IBUG_EYE_B = List.of(42, 43, 44, 45, 46, 47);

  /**
   * The 68-point iBUG scheme of 300W and 300-VW (0-based): jaw 0-16, brows 17-26, nose 27-35,
   * eyes 36-47, mouth 48-67. Normalisers: inter-pupil (distance of the eye centres, the means of
   * 36-41 and 42-47; paper Table 2) first, then inter-ocular (outer eye corners 36 and 45; Table 4).
   *
   * <p>Weak-semantic points (paper Section 3: evenly spaced along a contour, with no local
   * feature that fixes them) are the jaw, the brow middles, the nose bridge, the eyelids and the
   * lip contours between the corners. Strong points are the brow ends, nose tip and nostrils,
   * eye corners and mouth corners.
   */
  public static LandmarkScheme ibug68() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= 16; i++) {
      names.add("jaw_" + i);
    }
    for (int i = 17; i <= 21; i++) {
      names.add("brow_a_" + (i - 17));
    }
    for (int i = 22; i <= 26; i++) {
      names.add("brow_b_" + (i - 22));
    }
    for (int i = 27; i <= 30; i++) {
      names.add("nose_bridge_" + (i - 27));
    }
    for (int i = 31; i <= 35; i++) {
      names.add("nose_base_" + (i - 31));
    }
    for (int i = 36; i <= 41; i++) {
      names.add("eye_a_" + (i - 36));
    }
    for (int i = 42; i <= 47; i++) {
      names.add("eye_b_" + (i - 42));
    }
    for (int i = 48; i <= 59; i++) {
      names.add("mouth_outer_" + (i - 48));
    }
    for (int i = 60; i <= 67; i++) {
      names.add("mouth_inner_" + (i - 60));
    }
    int[][] pairs = {
      {0, 16}, {1, 15}, {2, 14}, {3, 13}, {4, 12}, {5, 11}, {6, 10}, {7, 9},
      {17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22},
      {31, 35}, {32, 34},
      {36, 45}, {37, 44}, {38, 43}, {39, 42}, {41, 46}, {40, 47},
      {48, 54}, {49, 53}, {50, 52}, {60, 64}, {61, 63}, {67, 65}, {59, 55}, {58, 56}
    };
    List<LandmarkScheme.FlipPair> flips = new ArrayList<>();
    for (int[] p : pairs) {
      flips.add(new LandmarkScheme.FlipPair(p[0], p[1]));
    }
    Set<Integer> weak = new TreeSet<>();
    for (int i = 0; i <= 16; i++) {
      weak.add(i);
    }
    weak.addAll(List.of(18, 19, 20, 23, 24, 25, 27, 28, 29, 37, 38, 40, 41, 43, 44, 46, 47));
    weak.addAll(List.of(49, 50, 51, 52, 53, 55, 56, 57, 58, 59, 61, 62, 63, 65, 66, 67));
    List<Normalization> norms = List.of(
        new Normalization.PointGroups("inter-pupil", IBUG_EYE_A, IBUG_EYE_B),
        new Normalization.PointGroups("inter-ocular", List.of(36), List.of(45)));
    return new LandmarkScheme("ibug68", names, flips, norms, weak);
  }
}
