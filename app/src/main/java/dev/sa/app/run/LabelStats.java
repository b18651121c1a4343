package dev.sa.app.run;

import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Normalization;
import dev.sa.app.method.Labels;

/**
 * How the searched labels moved (paper Figs. 4 and 8) and, on data with known truth, whether they
 * moved toward it. All values in percent of the normaliser, measured on the human annotation.
 *
 * @param move mean |y^ - o|
 * @param vsHuman mean |y^ - human|
 * @param truthWeak mean |y^ - truth| over weak points (NaN without truth)
 * @param truthStrong mean |y^ - truth| over strong points
 * @param humanWeak mean |human - truth| over weak points
 * @param humanStrong mean |human - truth| over strong points
 * @param humanBiasWeak the weak points' shared offset: per weak point, |mean over faces of
 *     (human - truth)|, averaged over the weak points; the part of the labels' error that every face
 *     agrees on and no label-cleaning method can see (NaN without truth)
 * @param searchedBiasWeak the same for y^
 */
public record LabelStats(double move, double vsHuman, double truthWeak, double truthStrong, double humanWeak,
    double humanStrong, double humanBiasWeak, double searchedBiasWeak) {

  public boolean hasTruth() {
    return !Double.isNaN(truthWeak);
  }

  public static LabelStats of(Labels labels, Normalization norm, LandmarkScheme scheme) {
    double move = 0;
    double vsHuman = 0;
    double[] tw = new double[4];
    long points = 0;
    long[] counts = new long[2];
    boolean truth = true;
    for (int i = 0; i < labels.size(); i++) {
      FaceSample s = labels.sample(i);
      Landmarks h = labels.human(i);
      Landmarks y = labels.searched(i);
      Landmarks o = labels.observation(i);
      double d = norm.distance(h, s.box());
      for (int k = 0; k < h.count(); k++) {
        move += y.distance(k, o) / d;
        vsHuman += y.distance(k, h) / d;
        points++;
        if (s.truthInImage().isPresent()) {
          Landmarks t = s.truthInImage().get();
          int g = scheme.isWeak(k) ? 0 : 1;
          tw[g] += y.distance(k, t) / d;
          tw[2 + g] += h.distance(k, t) / d;
          counts[g]++;
        } else {
          truth = false;
        }
      }
    }
    double nan = Double.NaN;
    return new LabelStats(100 * move / points, 100 * vsHuman / points,
        truth ? 100 * tw[0] / Math.max(1, counts[0]) : nan, truth ? 100 * tw[1] / Math.max(1, counts[1]) : nan,
        truth ? 100 * tw[2] / Math.max(1, counts[0]) : nan, truth ? 100 * tw[3] / Math.max(1, counts[1]) : nan,
        truth ? weakBias(labels, norm, scheme, false) : nan, truth ? weakBias(labels, norm, scheme, true) : nan);
  }

  /**
   * Per weak point, the length of the mean over faces of (label - truth) / normaliser, averaged over
   * the weak points, in percent; the labels are y^ if {@code searched}, else the human ones.
   */
  private static double weakBias(Labels labels, Normalization norm, LandmarkScheme scheme, boolean searched) {
    if (labels.size() == 0) {
      return Double.NaN;
    }
    int n = labels.human(0).count();
    double[] sx = new double[n];
    double[] sy = new double[n];
    for (int i = 0; i < labels.size(); i++) {
      FaceSample s = labels.sample(i);
      Landmarks t = s.truthInImage().orElseThrow();
      Landmarks l = searched ? labels.searched(i) : labels.human(i);
      double d = norm.distance(labels.human(i), s.box());
      for (int k = 0; k < n; k++) {
        sx[k] += (l.x(k) - t.x(k)) / d;
        sy[k] += (l.y(k) - t.y(k)) / d;
      }
    }
    double sum = 0;
    int weak = 0;
    for (int k = 0; k < n; k++) {
      if (scheme.isWeak(k)) {
        sum += Math.hypot(sx[k], sy[k]) / labels.size();
        weak++;
      }
    }
    return weak == 0 ? Double.NaN : 100 * sum / weak;
  }
}
