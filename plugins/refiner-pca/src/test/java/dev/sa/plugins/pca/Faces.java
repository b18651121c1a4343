package dev.sa.plugins.pca;

import java.util.Random;

/**
 * Synthetic face shapes of N = 10 points: a template, two deformation modes (mouth opening, face
 * width) and a random similarity transform, in heatmap pixels of a 64 x 64 map.
 */
final class Faces {
  static final int N = 10;

  private static final double[] TEMPLATE = {
    -10, -8, 10, -8, // eyes
    0, 0, // nose
    -6, 8, 6, 8, 0, 7, 0, 10, // mouth corners, upper lip, lower lip
    -14, 0, 14, 0, // cheeks
    0, 16 // chin
  };

  private Faces() {}

  /** One face: c1 opens the mouth and drops the chin, c2 widens the face. */
  static double[] face(double c1, double c2, double scale, double angle, double tx, double ty) {
    double[] s = TEMPLATE.clone();
    s[15] += 2 * c1;
    s[19] += 3 * c1;
    s[0] -= c2;
    s[2] += c2;
    s[16] -= 2 * c2;
    s[18] += 2 * c2;
    double cos = scale * Math.cos(angle);
    double sin = scale * Math.sin(angle);
    double[] out = new double[s.length];
    for (int i = 0; i < s.length; i += 2) {
      out[i] = cos * s[i] - sin * s[i + 1] + tx;
      out[i + 1] = sin * s[i] + cos * s[i + 1] + ty;
    }
    return out;
  }

  static double[] random(Random random, double noise) {
    double[] f = face(random.nextGaussian(), random.nextGaussian(), 0.8 + 0.4 * random.nextDouble(),
        0.4 * (random.nextDouble() - 0.5), 32 + 4 * random.nextGaussian(), 32 + 4 * random.nextGaussian());
    for (int i = 0; i < f.length; i++) {
      f[i] += noise * random.nextGaussian();
    }
    return f;
  }
}
