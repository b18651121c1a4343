package dev.sa.plugins.pca;

/**
 * Eigen-decomposition of a real symmetric matrix by cyclic Jacobi rotations: slow for big
 * matrices but simple, exact to machine precision and more than fast enough for the 2N x 2N shape
 * covariance (136 x 136 for 68 points). Eigenvalues come sorted in descending order.
 */
final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;

  private final double[] values;
  private final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /** Decomposes {@code matrix} (square, symmetric to 1e-9 relative); the input is not modified. */
  static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException("matrix is not square: row " + i + " has " + matrix[i].length + " of " + n);
      }
      a[i] = matrix[i].clone();
      for (double v : a[i]) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * Math.max(scale, 1e-300)) {
          throw new IllegalArgumentException("matrix is not symmetric at (" + i + ", " + j + ")");
        }
      }
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 1e-30 * Math.max(scale * scale, 1e-300); sweep++) {
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int k = 0; k < n; k++) {
      int c = order[k];
      values[k] = a[c][c];
      for (int i = 0; i < n; i++) {
        vectors[k][i] = v[i][c];
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /** Zeroes a[p][q] by a rotation in the (p, q) plane, accumulated into the columns of v. */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double apq = a[p][q];
    if (apq == 0) {
      return;
    }
    double theta = (a[q][q] - a[p][p]) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }

  private static double offDiagonal(double[][] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        if (i != j) {
          sum += a[i][j] * a[i][j];
        }
      }
    }
    return sum;
  }

  int size() {
    return values.length;
  }

  /** The k-th largest eigenvalue. */
  double value(int k) {
    return values[k];
  }

  /** Unit eigenvector of {@link #value(int) value(k)} (a copy). */
  double[] vector(int k) {
    return vectors[k].clone();
  }
}
