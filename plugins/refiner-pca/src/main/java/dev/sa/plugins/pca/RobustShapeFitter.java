package dev.sa.plugins.pca;

import java.util.Arrays;

/**
 * Fits a {@link PointDistributionModel} to one predicted shape: a similarity transform and the
 * shape coefficients are solved jointly by Gauss-Newton on
 * {@code sum_i w_i |x_i - (A (mean + P c)_i + t)|^2}, where each point's weight is its heatmap
 * confidence times a robust (Huber or Tukey) weight of its current residual, recomputed every
 * round (iteratively reweighted least squares). Coefficients are clamped to +-clamp sqrt(lambda_k)
 * after each round so the result stays a plausible face.
 */
final class RobustShapeFitter {
  /** Standard tuning constants (95 % efficiency under Gaussian noise). */
  static final double HUBER_K = 1.345;

  static final double TUKEY_K = 4.685;

  /** The residual scale never drops below this fraction of the shape's RMS radius. */
  static final double SCALE_FLOOR = 0.01;

  private final PointDistributionModel model;
  private final PcaOptions options;
  private final int n;
  private final int k;

  RobustShapeFitter(PointDistributionModel model, PcaOptions options) {
    this.model = model;
    this.options = options;
    this.n = model.landmarks();
    this.k = model.components();
  }

  /**
   * @param observed {@code [x0, y0, ...]} predicted points in heatmap pixels
   * @param confidence per point, e.g. the heatmap peak; values below minConfidence are raised
   * @return the fitted model shape in heatmap pixels
   */
  double[] fit(double[] observed, double[] confidence) {
    double[] conf = new double[n];
    for (int i = 0; i < n; i++) {
      conf[i] = Double.isFinite(confidence[i]) ? Math.max(confidence[i], options.minConfidence()) : options.minConfidence();
    }
    double[] mean = model.mean();
    Procrustes.Similarity start = Procrustes.fit(mean, observed, conf);
    // Parameters: a, b, tx, ty, c_0 .. c_{K-1}.
    double[] theta = new double[4 + k];
    theta[0] = start.a();
    theta[1] = start.b();
    theta[2] = start.tx();
    theta[3] = start.ty();
    double[] weights = conf.clone();
    for (int round = 0; round < options.iterations(); round++) {
      double[] fitted = shape(theta);
      reweight(observed, fitted, conf, weights);
      gaussNewtonStep(theta, observed, weights);
      clamp(theta);
    }
    return shape(theta);
  }

  /** The model shape of {@code theta} in heatmap pixels. */
  double[] shape(double[] theta) {
    double[] c = Arrays.copyOfRange(theta, 4, 4 + k);
    return new Procrustes.Similarity(theta[0], theta[1], theta[2], theta[3]).apply(model.shape(c));
  }

  private void reweight(double[] observed, double[] fitted, double[] conf, double[] weights) {
    if (PcaOptions.NONE.equals(options.robust())) {
      System.arraycopy(conf, 0, weights, 0, n);
      return;
    }
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = Math.hypot(observed[2 * i] - fitted[2 * i], observed[2 * i + 1] - fitted[2 * i + 1]);
    }
    double[] sorted = residual.clone();
    Arrays.sort(sorted);
    double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    double[] centred = Procrustes.centred(fitted);
    double radius = Math.sqrt(Procrustes.dot(centred, centred) / n);
    double scale = Math.max(1.4826 * median, SCALE_FLOOR * radius);
    boolean tukey = PcaOptions.TUKEY.equals(options.robust());
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double u = residual[i] / scale;
      double robust;
      if (tukey) {
        double v = u / TUKEY_K;
        robust = v < 1 ? (1 - v * v) * (1 - v * v) : 0;
      } else {
        robust = u <= HUBER_K ? 1 : HUBER_K / u;
      }
      weights[i] = conf[i] * robust;
      sum += weights[i];
    }
    if (!(sum > 1e-12)) {
      // Tukey rejected everything (a wild start): fall back on the confidences alone.
      System.arraycopy(conf, 0, weights, 0, n);
    }
  }

  /** One joint Gauss-Newton step on (a, b, tx, ty, c), with a tiny Levenberg damping. */
  private void gaussNewtonStep(double[] theta, double[] observed, double[] weights) {
    int p = 4 + k;
    double a = theta[0];
    double b = theta[1];
    double[] local = model.shape(Arrays.copyOfRange(theta, 4, p));
    double[][] normal = new double[p][p];
    double[] gradient = new double[p];
    double[] jx = new double[p];
    double[] jy = new double[p];
    for (int i = 0; i < n; i++) {
      double u = local[2 * i];
      double v = local[2 * i + 1];
      double rx = observed[2 * i] - (a * u - b * v + theta[2]);
      double ry = observed[2 * i + 1] - (b * u + a * v + theta[3]);
      jx[0] = u;
      jx[1] = -v;
      jx[2] = 1;
      jx[3] = 0;
      jy[0] = v;
      jy[1] = u;
      jy[2] = 0;
      jy[3] = 1;
      for (int m = 0; m < k; m++) {
        double[] mode = model.modeView(m);
        double px = mode[2 * i];
        double py = mode[2 * i + 1];
        jx[4 + m] = a * px - b * py;
        jy[4 + m] = b * px + a * py;
      }
      double w = weights[i];
      for (int r = 0; r < p; r++) {
        gradient[r] += w * (jx[r] * rx + jy[r] * ry);
        for (int c = r; c < p; c++) {
          normal[r][c] += w * (jx[r] * jx[c] + jy[r] * jy[c]);
        }
      }
    }
    for (int r = 0; r < p; r++) {
      for (int c = 0; c < r; c++) {
        normal[r][c] = normal[c][r];
      }
      normal[r][r] += 1e-9 * normal[r][r] + 1e-12;
    }
    double[] step = solve(normal, gradient);
    if (step != null) {
      for (int r = 0; r < p; r++) {
        theta[r] += step[r];
      }
    }
  }

  private void clamp(double[] theta) {
    for (int m = 0; m < k; m++) {
      double limit = options.clamp() * Math.sqrt(model.eigenvalue(m));
      theta[4 + m] = Math.max(-limit, Math.min(limit, theta[4 + m]));
    }
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; null if singular. */
  static double[] solve(double[][] matrix, double[] rhs) {
    int p = rhs.length;
    double[][] a = new double[p][];
    for (int i = 0; i < p; i++) {
      a[i] = Arrays.copyOf(matrix[i], p + 1);
      a[i][p] = rhs[i];
    }
    for (int col = 0; col < p; col++) {
      int pivot = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (!(Math.abs(a[pivot][col]) > 1e-300)) {
        return null;
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = col + 1; r < p; r++) {
        double f = a[r][col] / a[col][col];
        if (f != 0) {
          for (int c = col; c <= p; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] x = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double s = a[r][p];
      for (int c = r + 1; c < p; c++) {
        s -= a[r][c] * x[c];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}
