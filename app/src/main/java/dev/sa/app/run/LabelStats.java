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
    int n = labels.size() == 0 ? 0 : labels.human(0).count();
    // per point, the summed (label - truth) / d: x, y of the human labels, then of y^
    double[][] offset = new double[n][4];
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
          offset[k][0] += (h.x(k) - t.x(k)) / d;
          offset[k][1] += (h.y(k) - t.y(k)) / d;
          offset[k][2] += (y.x(k) - t.x(k)) / d;
          offset[k][3] += (y.y(k) - t.y(k)) / d;
        } else {
          truth = false;
        }
      }
    }
    double nan = Double.NaN;
    return new LabelStats(100 * move / points, 100 * vsHuman / points,
        truth ? 100 * tw[0] / Math.max(1, counts[0]) : nan, truth ? 100 * tw[1] / Math.max(1, counts[1]) : nan,
        truth ? 100 * tw[2] / Math.max(1, counts[0]) : nan, truth ? 100 * tw[3] / Math.max(1, counts[1]) : nan,
        truth ? weakBias(offset, 0, labels.size(), scheme) : nan, truth ? weakBias(offset, 2, labels.size(), scheme) : nan);
  }

  /**
   * Per weak point, the length of the mean over the faces of (label - truth) / normaliser, averaged
   * over the weak points, in percent, from the summed offsets in columns {@code col}, {@code col + 1}.
   */
  private static double weakBias(double[][] offset, int col, int faces, LandmarkScheme scheme) {
    double sum = 0;
    int weak = 0;
    for (int k = 0; k < offset.length; k++) {
      if (scheme.isWeak(k)) {
        sum += Math.hypot(offset[k][col], offset[k][col + 1]) / faces;
        weak++;
      }
    }
    return weak == 0 || faces == 0 ? Double.NaN : 100 * sum / weak;
  }
}
