package dev.sa.app.eval;

import dev.sa.api.FaceBox;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.api.Visibility;

/** Normalised mean error (paper Tables 2-4): mean point error over visible points / normaliser. */
public final class Nme {
  private Nme() {}

  /** NME of one face as a fraction (0.05 = 5%). */
  public static double face(Landmarks predicted, Landmarks reference, Visibility visible, Normalization norm,
      FaceBox box) {
    double d = norm.distance(reference, box);
    double sum = 0;
    int count = 0;
    for (int i = 0; i < reference.count(); i++) {
      if (visible.isVisible(i)) {
        sum += predicted.distance(i, reference);
        count++;
      }
    }
    if (count == 0 || !(d > 0)) {
      return Double.NaN;
    }
    return sum / count / d;
  }

  /** Per-point errors of one face divided by the normaliser; NaN where invisible. */
  public static double[] points(Landmarks predicted, Landmarks reference, Visibility visible, Normalization norm,
      FaceBox box) {
    double d = norm.distance(reference, box);
    double[] out = new double[reference.count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = visible.isVisible(i) && d > 0 ? predicted.distance(i, reference) / d : Double.NaN;
    }
    return out;
  }
}
