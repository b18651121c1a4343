package dev.sa.plugins.synthetic;

import java.util.Random;

/**
 * Random deformation of the {@link MeanFace}: face width and lower-face height, jaw squareness
 * and chin length, eye size, opening and spacing, brow height and arch, nose length and width,
 * mouth width, opening and smile. Each parameter is Gaussian around the mean face and clipped,
 * so that the parts keep their anatomical order (nose above lips above chin).
 */
final class ShapeModel {
  /** The deformed face in inter-pupil units, laid out as in {@link MeanFace}. */
  static final class Face3d {
    final double[][] landmarks = copy(MeanFace.LANDMARKS);
    final double[][] headRight = copy(MeanFace.HEAD_RIGHT);
    final double[][] hairlineRight = copy(MeanFace.HAIRLINE_RIGHT);
    final double[][] hairOuterRight = copy(MeanFace.HAIR_OUTER_RIGHT);
    final double[] earRight = MeanFace.EAR_RIGHT.clone();
    final double[][] neckRight = copy(MeanFace.NECK_RIGHT);
    /** Gap added between the inner lips, in inter-pupil units. */
    double mouthOpen;
  }

  private ShapeModel() {}

  /**
   * A mean face deformed at random, part by part: eyes and brows, nose, mouth, then the lower
   * face's height and the jaw. The parts draw from {@code rng} in that order.
   */
  static Face3d deform(Random rng) {
    Face3d f = new Face3d();
    eyesAndBrows(rng, f.landmarks);
    nose(rng, f.landmarks);
    mouth(rng, f);
    lowerFaceAndJaw(rng, f);
    return f;
  }

  /** Eye size, opening and spacing; brow height and arch (brows follow the eyes' spacing). */
  private static void eyesAndBrows(Random rng, double[][] p) {
    double eyeSize = clipped(rng, 1, 0.10, 0.75, 1.25);
    double eyeOpen = clipped(rng, 1, 0.15, 0.6, 1.4);
    double eyeSpacing = clipped(rng, 0, 0.04, -0.08, 0.08);
    eye(p, 36, eyeSize, eyeOpen, -eyeSpacing);
    eye(p, 42, eyeSize, eyeOpen, eyeSpacing);

    double browHeight = clipped(rng, 0, 0.05, -0.1, 0.1);
    double browArch = clipped(rng, 0, 0.03, -0.06, 0.06);
    for (int k = 0; k < 5; k++) {
      double arch = browArch * Math.sin(Math.PI * k / 4);
      p[17 + k][0] -= 0.5 * eyeSpacing;
      p[17 + k][1] -= browHeight + arch;
      p[22 + k][0] += 0.5 * eyeSpacing;
      p[22 + k][1] -= browHeight + arch;
    }
  }

  /** Nose length (below the bridge's top) and the width of its base. */
  private static void nose(Random rng, double[][] p) {
    double noseLength = clipped(rng, 1, 0.06, 0.88, 1.10);
    double noseWidth = clipped(rng, 1, 0.10, 0.8, 1.2);
    double y27 = p[27][1];
    for (int i = 28; i <= 35; i++) {
      p[i][1] = y27 + (p[i][1] - y27) * noseLength;
      if (i >= 31) {
        p[i][0] *= noseWidth;
      }
    }
  }

  /** Mouth width, opening (half the faces closed) and smile. */
  private static void mouth(Random rng, Face3d f) {
    double[][] p = f.landmarks;
    double mouthWidth = clipped(rng, 1, 0.08, 0.85, 1.15);
    f.mouthOpen = rng.nextBoolean() ? 0 : Math.min(0.3, Math.abs(0.12 * rng.nextGaussian()));
    double smile = clipped(rng, 0, 0.04, -0.06, 0.08);
    for (int i = 48; i <= 67; i++) {
      p[i][0] *= mouthWidth;
    }
    for (int i : new int[] {55, 56, 57, 58, 59, 65, 66, 67}) {
      p[i][1] += f.mouthOpen;
    }
    for (int i : new int[] {48, 54, 60, 64}) {
      p[i][1] -= smile;
    }
    for (int i : new int[] {49, 53, 55, 59}) {
      p[i][1] -= 0.4 * smile;
    }
  }

  /** Lower-face height, face width, jaw squareness and chin; the head outline follows the width. */
  private static void lowerFaceAndJaw(Random rng, Face3d f) {
    double[][] p = f.landmarks;
    // Lower-face height stretches the nose and mouth less than the jaw, as in real faces.
    double height = clipped(rng, 1, 0.07, 0.85, 1.15);
    for (int i = 27; i <= 35; i++) {
      p[i][1] *= 1 + 0.5 * (height - 1);
    }
    for (int i = 48; i <= 67; i++) {
      p[i][1] *= 1 + 0.6 * (height - 1);
    }
    double width = clipped(rng, 1, 0.07, 0.85, 1.15);
    double square = clipped(rng, 0, 0.08, -0.15, 0.15);
    double chin = clipped(rng, 0, 0.06, -0.12, 0.12);
    for (int k = 0; k <= 16; k++) {
      double u = Math.abs(k - 8) / 8.0;
      double side = Math.signum(p[k][0]);
      if (p[k][1] > 0) {
        p[k][1] *= height;
      }
      p[k][0] = p[k][0] * width + square * side * Math.sin(Math.PI * u);
      p[k][1] += (chin + 0.6 * f.mouthOpen) * (1 - u) * (1 - u);
    }
    scaleX(f.headRight, width);
    scaleX(f.hairlineRight, width);
    scaleX(f.hairOuterRight, width);
    scaleX(f.neckRight, width);
    f.earRight[0] *= width;
  }

  private static void eye(double[][] p, int first, double size, double open, double shift) {
    double cx = 0;
    double cy = 0;
    for (int i = first; i < first + 6; i++) {
      cx += p[i][0] / 6;
      cy += p[i][1] / 6;
    }
    for (int i = first; i < first + 6; i++) {
      p[i][0] = cx + (p[i][0] - cx) * size + shift;
      p[i][1] = cy + (p[i][1] - cy) * size * open;
    }
  }

  private static void scaleX(double[][] points, double factor) {
    for (double[] q : points) {
      q[0] *= factor;
    }
  }

  /** A Gaussian draw around {@code mean}, clipped to {@code [lo, hi]}. */
  static double clipped(Random rng, double mean, double std, double lo, double hi) {
    return Math.max(lo, Math.min(hi, mean + std * rng.nextGaussian()));
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
