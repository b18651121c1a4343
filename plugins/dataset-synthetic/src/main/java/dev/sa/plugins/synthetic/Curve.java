package dev.sa.plugins.synthetic;

/**
 * The drawn facial curves and the landmarks they carry. A resampled curve places its interior
 * landmarks evenly by arc length along the drawn spline (the weak-semantic definition of the
 * iBUG scheme, paper Section 3); its end landmarks are its control end points and stay put.
 */
enum Curve {
  JAW(true, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
  BROW_A(true, 17, 18, 19, 20, 21),
  BROW_B(true, 22, 23, 24, 25, 26),
  NOSE_BRIDGE(true, 27, 28, 29, 30),
  NOSE_BASE(false, 31, 32, 33, 34, 35),
  EYE_A_UPPER(true, 36, 37, 38, 39),
  EYE_A_LOWER(true, 39, 40, 41, 36),
  EYE_B_UPPER(true, 42, 43, 44, 45),
  EYE_B_LOWER(true, 45, 46, 47, 42),
  MOUTH_OUTER_UPPER(true, 48, 49, 50, 51, 52, 53, 54),
  MOUTH_OUTER_LOWER(true, 54, 55, 56, 57, 58, 59, 48),
  MOUTH_INNER_UPPER(true, 60, 61, 62, 63, 64),
  MOUTH_INNER_LOWER(true, 64, 65, 66, 67, 60);

  private final boolean resampled;
  private final int[] points;

  Curve(boolean resampled, int... points) {
    this.resampled = resampled;
    this.points = points;
  }

  boolean resampled() {
    return resampled;
  }

  int size() {
    return points.length;
  }

  int point(int k) {
    return points[k];
  }
}
