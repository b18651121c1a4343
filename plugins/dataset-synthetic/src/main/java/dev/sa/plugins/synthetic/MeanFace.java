package dev.sa.plugins.synthetic;

/**
 * The mean face as data: 68 iBUG landmarks and a few extra outline points, as {@code (x, y, z)}
 * in inter-pupil units. x points to the image right, y down, z towards the viewer; the eye line
 * is {@code y = 0} and the pupils (means of the eye contours) sit at {@code x = +-0.5}, so the
 * inter-pupil distance is 1. Left and right are mirror images. Proportions follow a frontal
 * 300W-style mean shape; depth is a rough head model used only to yaw the face.
 */
final class MeanFace {
  private MeanFace() {}

  /** Landmarks 0-67 in iBUG order (jaw, brows, nose bridge, nose base, eyes, outer and inner lips). */
  static final double[][] LANDMARKS = {
    {-1.170,  0.010, -0.600}, //  0 jaw
    {-1.170,  0.325, -0.580}, //  1 jaw
    {-1.135,  0.640, -0.520}, //  2 jaw
    {-1.075,  0.950, -0.420}, //  3 jaw
    {-0.955,  1.238, -0.300}, //  4 jaw
    {-0.770,  1.490, -0.150}, //  5 jaw
    {-0.540,  1.705, -0.020}, //  6 jaw
    {-0.290,  1.880,  0.060}, //  7 jaw
    { 0.000,  1.930,  0.100}, //  8 jaw
    { 0.290,  1.880,  0.060}, //  9 jaw
    { 0.540,  1.705, -0.020}, // 10 jaw
    { 0.770,  1.490, -0.150}, // 11 jaw
    { 0.955,  1.238, -0.300}, // 12 jaw
    { 1.075,  0.950, -0.420}, // 13 jaw
    { 1.135,  0.640, -0.520}, // 14 jaw
    { 1.170,  0.325, -0.580}, // 15 jaw
    { 1.170,  0.010, -0.600}, // 16 jaw
    {-0.930, -0.220, -0.250}, // 17 brow a
    {-0.783, -0.336, -0.120}, // 18 brow a
    {-0.587, -0.366, -0.040}, // 19 brow a
    {-0.385, -0.332,  0.000}, // 20 brow a
    {-0.194, -0.252,  0.020}, // 21 brow a
    { 0.194, -0.252,  0.020}, // 22 brow b
    { 0.385, -0.332,  0.000}, // 23 brow b
    { 0.587, -0.366, -0.040}, // 24 brow b
    { 0.783, -0.336, -0.120}, // 25 brow b
    { 0.930, -0.220, -0.250}, // 26 brow b
    { 0.000, -0.020,  0.050}, // 27 nose bridge
    { 0.000,  0.184,  0.170}, // 28 nose bridge
    { 0.000,  0.388,  0.300}, // 29 nose bridge
    { 0.000,  0.597,  0.450}, // 30 nose bridge
    {-0.228,  0.728,  0.150}, // 31 nose base
    {-0.118,  0.773,  0.240}, // 32 nose base
    { 0.000,  0.811,  0.300}, // 33 nose base
    { 0.118,  0.773,  0.240}, // 34 nose base
    { 0.228,  0.728,  0.150}, // 35 nose base
    {-0.700,  0.000, -0.200}, // 36 eye a
    {-0.575, -0.072, -0.100}, // 37 eye a
    {-0.425, -0.070, -0.080}, // 38 eye a
    {-0.300,  0.027, -0.100}, // 39 eye a
    {-0.437,  0.055, -0.100}, // 40 eye a
    {-0.584,  0.053, -0.120}, // 41 eye a
    { 0.300,  0.027, -0.100}, // 42 eye b
    { 0.425, -0.070, -0.080}, // 43 eye b
    { 0.575, -0.072, -0.100}, // 44 eye b
    { 0.700,  0.000, -0.200}, // 45 eye b
    { 0.584,  0.053, -0.120}, // 46 eye b
    { 0.437,  0.055, -0.100}, // 47 eye b
    {-0.455,  1.097,  0.000}, // 48 mouth outer
    {-0.290,  1.030,  0.120}, // 49 mouth outer
    {-0.120,  1.000,  0.170}, // 50 mouth outer
    { 0.000,  1.029,  0.200}, // 51 mouth outer
    { 0.120,  1.000,  0.170}, // 52 mouth outer
    { 0.290,  1.030,  0.120}, // 53 mouth outer
    { 0.455,  1.097,  0.000}, // 54 mouth outer
    { 0.297,  1.268,  0.120}, // 55 mouth outer
    { 0.132,  1.343,  0.160}, // 56 mouth outer
    { 0.000,  1.357,  0.180}, // 57 mouth outer
    {-0.132,  1.343,  0.160}, // 58 mouth outer
    {-0.297,  1.268,  0.120}, // 59 mouth outer
    {-0.385,  1.108,  0.020}, // 60 mouth inner
    {-0.122,  1.100,  0.120}, // 61 mouth inner
    { 0.000,  1.113,  0.140}, // 62 mouth inner
    { 0.122,  1.100,  0.120}, // 63 mouth inner
    { 0.385,  1.108,  0.020}, // 64 mouth inner
    { 0.125,  1.135,  0.120}, // 65 mouth inner
    { 0.000,  1.145,  0.130}, // 66 mouth inner
    {-0.125,  1.135,  0.120}, // 67 mouth inner
  };

  /** Head outline from above jaw point 16 over the crown to the top centre (mirrored for the left). */
  static final double[][] HEAD_RIGHT = {
    {1.19, -0.30, -0.62}, {1.15, -0.75, -0.55}, {0.95, -1.15, -0.40}, {0.55, -1.42, -0.15}, {0.00, -1.52, 0.00},
  };

  /** Hairline from the right temple to the top centre (mirrored for the left). */
  static final double[][] HAIRLINE_RIGHT = {
    {1.13, -0.42, -0.60}, {0.90, -0.80, -0.45}, {0.50, -0.98, -0.20}, {0.00, -1.02, 0.00},
  };

  /** Outer edge of the hair from the right temple to the top centre (mirrored for the left). */
  static final double[][] HAIR_OUTER_RIGHT = {
    {1.26, -0.33, -0.66}, {1.25, -0.85, -0.55}, {1.03, -1.29, -0.40}, {0.60, -1.59, -0.15}, {0.00, -1.69, 0.00},
  };

  /** Centre of the right ear (mirrored for the left), and its half-width and half-height. */
  static final double[] EAR_RIGHT = {1.20, 0.28, -0.70};
  static final double EAR_HALF_WIDTH = 0.13;
  static final double EAR_HALF_HEIGHT = 0.28;

  /** Neck quadrilateral: top right, then bottom right far below the image (mirrored for the left). */
  static final double[][] NECK_RIGHT = {{0.70, 1.20, -0.35}, {0.80, 4.00, -0.45}};
}
